package cn.gov.exam.change.review;

import cn.gov.exam.change.agency.Agency;
import cn.gov.exam.change.common.http.QueryValues;
import cn.gov.exam.change.switching.SwitchStatus;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter the review list, shared by its JSON and CSV forms. */
public class ReviewFilterParams {
    // A string parsed here rather than by JAX-RS, which answers an unknown enum value with a 404.
    @QueryParam("status")
    @Parameter(schema = @Schema(implementation = SwitchStatus.class))
    public String status;

    @QueryParam("agency")
    @Parameter(
            description =
                    "agency code of the target position, in any case (a reviewer sees their own agency whatever this says)")
    public String agency;

    public ReviewReads.Filter filter() {
        return new ReviewReads.Filter(
                QueryValues.enumOrNull(SwitchStatus.class, status, "status"),
                agency == null || agency.isBlank() ? null : Agency.canonical(agency));
    }
}
