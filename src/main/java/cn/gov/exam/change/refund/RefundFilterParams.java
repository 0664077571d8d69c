package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.http.QueryValues;
import cn.gov.exam.change.registration.PaymentChannel;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter the refund list, shared by its JSON and CSV forms. */
public class RefundFilterParams {
    // Strings parsed here rather than by JAX-RS, which answers an unknown enum value with a 404.
    @QueryParam("status")
    @Parameter(schema = @Schema(implementation = RefundStatus.class))
    public String status;

    @QueryParam("reason")
    @Parameter(schema = @Schema(implementation = RefundReason.class))
    public String reason;

    @QueryParam("channel")
    @Parameter(schema = @Schema(implementation = PaymentChannel.class))
    public String channel;

    @QueryParam("deliveryProblem")
    @Parameter(
            description = "true: only refunds whose latest delivery failed for good or failed at its last "
                    + "attempt and waits to retry; false: only the others")
    public Boolean deliveryProblem;

    public RefundReads.Filter filter() {
        return new RefundReads.Filter(
                QueryValues.enumOrNull(RefundStatus.class, status, "status"),
                QueryValues.enumOrNull(RefundReason.class, reason, "reason"),
                QueryValues.enumOrNull(PaymentChannel.class, channel, "channel"),
                deliveryProblem);
    }
}
