package cn.gov.exam.change.switching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PositionStatus;
import cn.gov.exam.change.position.Requirements;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue behind switch options: at the national rehearsal's 17,000 positions, options
 * computed a precheck per position for every request (13 ms of CPU each, the deadline rush's
 * largest cost); positions sharing requirements now share one precheck per applicant.
 */
class PublishedPositionsTest {
    private static final Requirements BACHELOR =
            new Requirements(Education.BACHELOR, true, List.of("经济学"), 35, null, 0, null);
    private static final Requirements ANY = new Requirements(null, false, List.of(), null, null, 0, null);

    @Test
    void positionsWithEqualRequirementsShareOneSet() {
        List<PublishedPositions.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 17_000; i++) {
            // Equal, not the same instance: as loaded from the database, row by row.
            Requirements r = i % 3 == 0
                    ? new Requirements(Education.BACHELOR, true, List.of("经济学"), 35, null, 0, null)
                    : new Requirements(null, false, List.of(), null, null, 0, null);
            entries.add(new PublishedPositions.Entry(
                    i, "P%05d".formatted(i), "A01", "省人社厅", "单位", "职位", 1, PositionStatus.OPEN, r));
        }
        PublishedPositions.Catalogue c = PublishedPositions.Catalogue.of(entries);

        assertEquals(List.of(BACHELOR, ANY), c.requirementSets());
        assertEquals(17_000, c.inCodeOrder().size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i).requirements(), c.requirementSets().get(c.requirementSetOf()[i]));
            assertSame(entries.get(i), c.inCodeOrder().get(i));
        }
        assertSame(entries.get(42), c.byCode().get("P00042"));
        assertSame(entries.get(42), c.byId().get(42L));
    }
}
