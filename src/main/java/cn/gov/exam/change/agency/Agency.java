package cn.gov.exam.change.agency;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One recruiting agency of the registry: a code names one organisation in every exam. */
@Entity
@Table(name = "agency")
public class Agency extends PanacheEntityBase {
    /** Upper-case; see {@link #canonical}. */
    @Id
    public String code;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The one stored form of a code as clients may type it ("b01 " is B01); null stays null. */
    public static String canonical(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    public static Optional<Agency> byCode(String code) {
        String c = canonical(code);
        return c == null || c.isEmpty() ? Optional.empty() : Optional.ofNullable(findById(c));
    }
}
