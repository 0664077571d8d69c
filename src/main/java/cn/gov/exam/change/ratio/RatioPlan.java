package cn.gov.exam.change.ratio;

import java.util.List;

/** The opening-ratio check of an exam: a dry run, or the published result. */
public record RatioPlan(
        String examCode, boolean published, long kept, long reduced, long cancelled, List<PositionOutcome> positions) {

    public record PositionOutcome(
            String code, int confirmedApplicants, int quota, int ratio, RatioOutcome outcome, int newQuota) {}

    static RatioPlan of(String examCode, boolean published, List<PositionOutcome> positions) {
        long kept =
                positions.stream().filter(p -> p.outcome() == RatioOutcome.KEEP).count();
        long reduced = positions.stream()
                .filter(p -> p.outcome() == RatioOutcome.REDUCE)
                .count();
        return new RatioPlan(examCode, published, kept, reduced, positions.size() - kept - reduced, positions);
    }
}
