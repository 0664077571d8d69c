package cn.gov.exam.change.position;

import io.quarkus.panache.common.Parameters;
import java.util.Locale;

/**
 * The one position search filter: {@code q} matches code, title, employer or agency name whatever
 * their case; {@code agency} is an agency's code or name. Used by the positions list and the switch
 * options alike, so that both find the same positions.
 */
public record PositionSearch(String q, String agency) {
    public PositionSearch {
        q = q == null || q.isBlank() ? null : q.trim();
        agency = agency == null || agency.isBlank() ? null : agency.trim();
    }

    /** The HQL condition ({@code " and …"}, empty when nothing is filtered) on the Position alias {@code p}. */
    public String condition(Parameters params) {
        StringBuilder where = new StringBuilder();
        if (agency != null) {
            // codes are stored upper-case (the agency registry); a code may be typed in any case
            where.append(" and (p.agencyCode = :agencyCode or p.agencyName = :agency)");
            params.and("agencyCode", agency.toUpperCase(Locale.ROOT)).and("agency", agency);
        }
        if (q != null) {
            where.append(" and (lower(p.code) like :q or lower(p.title) like :q or lower(p.employer) like :q"
                    + " or lower(p.agencyName) like :q)");
            // LIKE's wildcards in the text are matched as themselves.
            params.and(
                    "q",
                    "%"
                            + q.toLowerCase(Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        return where.toString();
    }
}
