package cn.gov.exam.change.common.imports;

import cn.gov.exam.change.common.problems.FieldError;
import cn.gov.exam.change.common.problems.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every problem of an import; the first {@value #LISTED} are listed, all are counted. */
public final class ImportErrors {
    public static final int LISTED = 1000;
    private static final Comparator<FieldError> BY_ROW =
            Comparator.comparing(FieldError::row, Comparator.nullsFirst(Comparator.naturalOrder()));
    private final List<FieldError> listed = new ArrayList<>();
    private long count;

    public void add(FieldError error) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(error);
        }
    }

    public boolean any() {
        return count > 0;
    }

    /** Throws the validation problem when there is anything to report: the import then changes nothing. */
    public void throwIfAny() {
        if (count > 0) {
            throw new ProblemException(
                            cn.gov.exam.change.common.problems.ProblemType.VALIDATION_FAILED,
                            "The import was rejected as a whole: " + count
                                    + " problem(s) in its rows; nothing was changed",
                            listed.stream().sorted(BY_ROW).toList())
                    .with("errorCount", count);
        }
    }
}
