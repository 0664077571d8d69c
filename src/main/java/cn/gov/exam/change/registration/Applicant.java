package cn.gov.exam.change.registration;

import cn.gov.exam.change.position.Education;
import cn.gov.exam.change.position.PoliticalStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A person as the registration system exported them for one exam (each exam has its own row). The
 * ID number is personal data: never logged.
 */
@Entity
@Table(name = "applicant")
public class Applicant extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "exam_id")
    public Long examId;

    @Column(name = "id_number")
    public String idNumber;

    public String name;
    public String phone;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    public Education education;

    public boolean degree;
    public String major;

    @Enumerated(EnumType.STRING)
    @Column(name = "political_status")
    public PoliticalStatus politicalStatus;

    @Column(name = "grassroots_years")
    public int grassrootsYears;

    @Column(name = "household_region")
    public String householdRegion;

    @Column(name = "password_hash")
    public String passwordHash;
    /** Moved on by a password reset: the applicant's tokens of an earlier generation stop working. */
    @Column(name = "token_generation")
    public long tokenGeneration;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public String toString() {
        return "Applicant#" + id;
    }
}
