package cn.gov.exam.change.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.gov.exam.change.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A registration stands only for positions of its own exam: the schema refuses another exam's
 * position as the one it was made for or as the one an approved switch moves it to (V19), so no
 * statement of any feature can mix two exams' positions.
 */
@QuarkusTest
class RegistrationKeysTest {
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRegistrationCannotStandForAnotherExamsPosition() throws Exception {
        String exam = Api.newExamCode("KEYS");
        String other = Api.newExamCode("KEYS");
        for (String code : List.of(exam, other)) {
            Api.createExam(code, 3, false);
            Api.importPositions(code, List.of(Api.position("P1", 1, null), Api.position("P2", 1, null)));
        }
        String idNumber = Api.newIdNumber();
        Api.importRegistrations(exam, List.of(Api.registration(idNumber, "P1", "PAID")));

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long registration = id(c, """
                    select r.id from registration r join exam e on e.id = r.exam_id join applicant a on a.id = r.applicant_id
                    where e.code = ? and a.id_number = ?""", exam, idNumber);
            long ownP2 = positionId(c, exam, "P2");
            long othersP2 = positionId(c, other, "P2");

            for (String column : List.of("position_id", "current_position_id")) {
                SQLException refused =
                        assertThrows(SQLException.class, () -> standFor(c, registration, column, othersP2), column);
                assertEquals(FOREIGN_KEY_VIOLATION, refused.getSQLState(), refused.getMessage());
                c.rollback();
                // The same registration may stand for a position of its own exam.
                assertEquals(1, standFor(c, registration, column, ownP2), column);
                c.rollback();
            }
        }
    }

    private static int standFor(Connection c, long registration, String column, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update registration set " + column + " = ? where id = ?")) {
            ps.setLong(1, position);
            ps.setLong(2, registration);
            return ps.executeUpdate();
        }
    }

    private static long positionId(Connection c, String exam, String code) throws SQLException {
        return id(
                c,
                "select p.id from position p join exam e on e.id = p.exam_id where e.code = ? and p.code = ?",
                exam,
                code);
    }

    private static long id(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
