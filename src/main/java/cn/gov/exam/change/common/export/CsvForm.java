package cn.gov.exam.change.common.export;

import cn.gov.exam.change.common.Labels;
import cn.gov.exam.change.common.problems.ProblemException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The two forms of a CSV export. For people (the default): Chinese column headers, Chinese labels
 * for codes, 是/否, and times in the exam's time zone with its offset ({@code 2023-01-15 10:00:00
 * +08:00}). For other systems ({@code ?format=machine}): the API's field names, codes, true/false
 * and ISO-8601 UTC instants, as the JSON list has them.
 */
public final class CsvForm {
    /** The query parameter that chooses the form. */
    public static final String PARAM = "format";

    public static final String PARAM_DESCRIPTION = "CSV only: `machine` gives the API's field names as headers, "
            + "codes and ISO-8601 UTC instants (for other systems); without it (or `human`) the file is for people: "
            + "Chinese headers and labels, times in the exam's time zone with their offset";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final boolean machine;
    private final ZoneId zone;

    private CsvForm(boolean machine, ZoneId zone) {
        this.machine = machine;
        this.zone = zone;
    }

    /** The form the parameter asks for (a bad value is a 400 problem, before the first byte). */
    public static CsvForm of(String format, ZoneId zone) {
        if (format == null || format.isBlank() || format.equals("human")) {
            return new CsvForm(false, zone);
        }
        if (format.equals("machine")) {
            return new CsvForm(true, zone);
        }
        throw ProblemException.invalid(PARAM, "must be human or machine");
    }

    public boolean machine() {
        return machine;
    }

    /** The same form, with times in another zone (an audit event's exam). */
    public CsvForm inZone(ZoneId other) {
        return new CsvForm(machine, other);
    }

    /** The header row: the API's names, or their Chinese (same order, same length). */
    public List<String> header(List<String> names, List<String> chinese) {
        if (names.size() != chinese.size()) {
            throw new IllegalArgumentException("columns and their Chinese names differ in number");
        }
        return machine ? names : chinese;
    }

    public Object time(Instant instant) {
        return instant == null || machine ? instant : TIME.format(instant.atZone(zone));
    }

    public Object label(String table, Object code) {
        return code == null || machine ? code : Labels.label(table, code);
    }

    public Object yesNo(boolean value) {
        return machine ? value : value ? "是" : "否";
    }
}
