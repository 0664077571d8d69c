package cn.gov.exam.change.refund;

import cn.gov.exam.change.common.sql.DatabaseFailures;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Queues the refunds of every exam whose switch deadline has passed, within seconds of it; an exam
 * missed while no instance ran is caught up on the next run. Several instances may run it at once.
 */
@ApplicationScoped
public class RefundDeadlineJob {
    private static final Logger LOG = Logger.getLogger(RefundDeadlineJob.class);

    @Inject
    RefundService refunds;

    @Scheduled(every = "${app.refunds.deadline-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            DatabaseFailures.reportFailure(
                    e,
                    "deadline refunds",
                    LOG,
                    Logger.Level.ERROR,
                    "Deadline refunds failed; they are retried on the next run");
        }
    }

    /** Returns how many refunds were queued. */
    public int run() {
        int queued = 0;
        for (long examId : refunds.examsDue()) {
            int n = refunds.decideAtDeadline(examId);
            if (n > 0) {
                LOG.infof("Queued %d refunds of exam %d after its switch deadline", n, examId);
            }
            queued += n;
        }
        return queued;
    }
}
