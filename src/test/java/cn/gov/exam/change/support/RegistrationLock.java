package cn.gov.exam.change.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Another transaction holding an applicant's registration row, as a request of theirs in progress would. */
public final class RegistrationLock {
    private RegistrationLock() {}

    /** Begins a transaction on {@code c} that locks the row until the caller rolls back. */
    public static void hold(Connection c, String exam, String idNumber) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("select r.id from registration r "
                + "join applicant a on a.id = r.applicant_id join exam e on e.id = r.exam_id "
                + "where e.code = ? and a.id_number = ? for update of r")) {
            ps.setString(1, exam);
            ps.setString(2, idNumber);
            ps.executeQuery().close();
        }
    }
}
