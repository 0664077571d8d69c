package cn.gov.exam.change.position;

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
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "position")
public class Position extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "exam_id")
    public Long examId;

    public String code;

    @Column(name = "agency_code")
    public String agencyCode;

    @Column(name = "agency_name")
    public String agencyName;

    public String employer;
    public String title;
    public int quota;

    @Column(name = "original_quota")
    public int originalQuota;

    public Integer ratio;

    @Enumerated(EnumType.STRING)
    public PositionStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "min_education")
    public Education minEducation;

    @Column(name = "degree_required")
    public boolean degreeRequired;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> majors;

    @Column(name = "max_age")
    public Integer maxAge;

    @Enumerated(EnumType.STRING)
    @Column(name = "political_status")
    public PoliticalStatus politicalStatus;

    @Column(name = "min_grassroots_years")
    public int minGrassrootsYears;

    @Column(name = "household_region")
    public String householdRegion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Requirements requirements() {
        return new Requirements(
                minEducation,
                degreeRequired,
                majors == null ? List.of() : majors,
                maxAge,
                politicalStatus,
                minGrassrootsYears,
                householdRegion);
    }
}
