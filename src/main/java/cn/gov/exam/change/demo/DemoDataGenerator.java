package cn.gov.exam.change.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic exam data modelled on the 2023 Shanxi notice: positions across agencies and the
 * registrations of the registration system's export, shaped so that the opening-ratio check cancels
 * a known number of positions (35 for the demo) and reduces some.
 *
 * <p>Pure JDK so that it also runs from the command line to make benchmark data sets:
 * {@code java -cp target/classes cn.gov.exam.change.demo.DemoDataGenerator 40000 3000000 bench/data}
 * writes {@code positions.csv} and {@code registrations.csv} in the import formats.
 */
public final class DemoDataGenerator {
    /** bcrypt of {@value #DEMO_PASSWORD}: every generated applicant signs in with it. */
    public static final String DEMO_PASSWORD = "Demo@2023";

    static final String DEMO_PASSWORD_HASH = "$2a$10$nnOFCrQ2xm..izvF4D3e6OKcYK1HyQ4VgQoM9HYO/ymFkIbEcQgHq";

    public static final String POSITION_HEADER = "code,agencyCode,agencyName,employer,title,quota,ratio,minEducation,"
            + "degreeRequired,majors,maxAge,politicalStatus,minGrassrootsYears,householdRegion\n";
    public static final String REGISTRATION_HEADER = "idNumber,name,phone,birthDate,education,degree,major,"
            + "politicalStatus,grassrootsYears,householdRegion,passwordHash,positionCode,fee.status,fee.amount,"
            + "fee.currency,fee.channel,fee.transactionId,fee.paidAt\n";

    private static final String[][] AGENCIES = {
        {"A01", "山西省财政厅"}, {"A02", "山西省人民检察院"}, {"A03", "山西省高级人民法院"},
        {"A04", "山西省教育厅"}, {"A05", "山西省公安厅"}, {"A06", "山西省市场监督管理局"},
        {"A07", "太原市人力资源和社会保障局"}, {"A08", "大同市人民政府办公室"}, {"A09", "长治市审计局"},
        {"A10", "晋中市乡镇机关"}, {"A11", "运城市税务局"}, {"A12", "吕梁市乡镇机关"}
    };
    private static final String[] TITLES = {
        "一级科员", "四级主任科员", "法官助理", "检察官助理", "综合管理", "财务会计", "信息技术", "执法岗位", "乡镇基层岗位", "文秘"
    };
    private static final String[] MAJORS = {"法学", "汉语言文学", "计算机科学与技术", "会计学", "经济学", "行政管理", "新闻学", "土木工程", "临床医学", "英语"
    };
    private static final String[] REGIONS = {"140105", "140202", "140402", "140702", "140802", "141102", "140106"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "武", "贾"};
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚", "晋", "晨", "宇", "欣"
    };
    private static final String[] EDUCATION = {
        "JUNIOR_COLLEGE", "BACHELOR", "BACHELOR", "BACHELOR", "MASTER", "MASTER", "DOCTORATE"
    };
    private static final String[] POLITICAL = {
        "MASSES", "CYL_MEMBER", "CYL_MEMBER", "CPC_MEMBER", "CPC_PROBATIONARY", "OTHER_PARTY"
    };
    private static final String[] CHANNELS = {"ALIPAY", "WECHAT", "UNIONPAY"};

    public enum Shape {
        KEEP,
        REDUCE,
        CANCEL
    }

    /** One generated applicant worth naming in the README: a person of a cancelled position, say. */
    public record Notable(String idNumber, String name, String positionCode, Shape shape, String feeStatus) {}

    private final int positions;
    private final int cancelledTarget;
    private final long registrationsTarget;
    private final Instant paidAt;
    /** The quota of a cancelled position (its confirmed applicants grow with it). */
    private final int cancelledQuota;
    /** Per cent of a kept position's registrations left unpaid (the registration system's share). */
    private final int unpaidPercent;

    private final List<Notable> notables = new ArrayList<>();

    public DemoDataGenerator(int positions, int cancelled, long registrations, Instant paidAt) {
        this(positions, cancelled, registrations, paidAt, 1, 0);
    }

    DemoDataGenerator(
            int positions, int cancelled, long registrations, Instant paidAt, int cancelledQuota, int unpaidPercent) {
        this.positions = positions;
        this.cancelledTarget = cancelled;
        this.registrationsTarget = registrations * (100 - unpaidPercent) / 100;
        this.paidAt = paidAt;
        this.cancelledQuota = cancelledQuota;
        this.unpaidPercent = unpaidPercent;
    }

    /** The demo exam: 400 positions, exactly 35 cancelled, a few thousand registrations. */
    public static DemoDataGenerator demo(Instant paidAt) {
        return new DemoDataGenerator(400, 35, 4_000, paidAt);
    }

    public List<Notable> notables() {
        return notables;
    }

    private int agencies() {
        return Math.max(AGENCIES.length, positions / 50);
    }

    private static String agencyCode(int a) {
        return a < AGENCIES.length ? AGENCIES[a][0] : String.format("B%04d", a);
    }

    /** The codes of the agencies whose positions {@link #writePositions} writes. */
    public List<String> agencyCodes() {
        List<String> codes = new ArrayList<>();
        for (int a = 0; a < Math.min(agencies(), positions); a++) {
            codes.add(agencyCode(a));
        }
        return codes;
    }

    public static String positionCode(int i) {
        return String.format("14%06d", 101 + i);
    }

    Shape shape(int i) {
        int cancelledBefore = Math.min(cancelledTarget, (i + 7) / 11);
        if (i % 11 == 3 && cancelledBefore < cancelledTarget) {
            return Shape.CANCEL;
        }
        return i % 37 == 7 ? Shape.REDUCE : Shape.KEEP;
    }

    static int ratio(int i) {
        return i % 10 == 9 ? 2 : 3;
    }

    int quota(int i, Shape shape) {
        return switch (shape) {
            case CANCEL -> cancelledQuota;
            case REDUCE -> 3;
            case KEEP -> 1 + i % 3;
        };
    }

    /** Confirmed (paid or waived) registrations of position i; kept ones share what the target leaves. */
    int confirmed(int i, Shape shape, int[] keptExtra) {
        int r = ratio(i);
        return switch (shape) {
            // Short of the ratio by 1 to ratio x quota - 1 (a quota of 1: 1 or 2 confirmed).
            case CANCEL ->
                cancelledQuota == 1
                        ? Math.max(1, r - 1 - i % 2)
                        : r * cancelledQuota - 1 - i % (r * cancelledQuota - 2);
            case REDUCE -> r * (1 + i % 2) + i % 2;
            case KEEP -> r * quota(i, shape) + keptExtra[i];
        };
    }

    /** Spreads the registrations the target asks for beyond the minimum evenly over kept positions. */
    int[] keptExtra() {
        int[] extra = new int[positions];
        long base = 0;
        int kept = 0;
        for (int i = 0; i < positions; i++) {
            Shape s = shape(i);
            base += confirmed(i, s, extra) + unpaid(i, s);
            if (s == Shape.KEEP) {
                kept++;
            }
        }
        long remaining = Math.max(0, registrationsTarget - base);
        long each = kept == 0 ? 0 : remaining / kept;
        long rest = kept == 0 ? 0 : remaining % kept;
        for (int i = 0, k = 0; i < positions; i++) {
            if (shape(i) == Shape.KEEP) {
                extra[i] = (int) (each + (k++ < rest ? 1 : 0));
            }
        }
        return extra;
    }

    static int unpaid(int i, Shape shape) {
        return shape == Shape.CANCEL || i % 4 == 0 ? 1 : 0;
    }

    /** The unpaid share of a kept position beyond {@link #unpaid}. */
    private int unpaidShare(Shape shape, int confirmed) {
        return shape == Shape.KEEP ? confirmed * unpaidPercent / (100 - unpaidPercent) : 0;
    }

    public void writePositions(Writer out) throws IOException {
        out.write(POSITION_HEADER);
        StringBuilder sb = new StringBuilder(256);
        int agencies = agencies();
        for (int i = 0; i < positions; i++) {
            Shape s = shape(i);
            int a = i % agencies;
            String agencyCode = agencyCode(a);
            String agencyName = a < AGENCIES.length ? AGENCIES[a][1] : "招录机关" + a;
            sb.setLength(0);
            sb.append(positionCode(i))
                    .append(',')
                    .append(agencyCode)
                    .append(',')
                    .append(agencyName)
                    .append(',')
                    .append(agencyName)
                    .append(i % 5 == 0 ? "下属单位" : "机关")
                    .append(',')
                    .append(TITLES[i % TITLES.length])
                    .append(',')
                    .append(quota(i, s))
                    .append(',')
                    .append(ratio(i) == 3 ? "" : "2")
                    .append(',')
                    .append(i % 6 == 0 ? "JUNIOR_COLLEGE" : i % 13 == 0 ? "MASTER" : "BACHELOR")
                    .append(',')
                    .append(i % 3 == 0 ? "false" : "true")
                    .append(',')
                    .append(i % 4 == 0 ? "" : MAJORS[i % MAJORS.length] + "|" + MAJORS[(i + 3) % MAJORS.length])
                    .append(',')
                    .append(i % 7 == 0 ? "40" : "35")
                    .append(',')
                    .append(i % 10 == 1 ? "CPC_MEMBER" : "")
                    .append(',')
                    .append(i % 9 == 2 ? "2" : "0")
                    .append(',')
                    .append(i % 15 == 4 ? "140100" : "")
                    .append('\n');
            out.write(sb.toString());
        }
    }

    /** Writes the registrations; returns how many. */
    public long writeRegistrations(Writer out) throws IOException {
        out.write(REGISTRATION_HEADER);
        Random random = new Random(2023);
        int[] extra = keptExtra();
        long person = 0;
        String paid = OffsetDateTime.ofInstant(paidAt, ZoneOffset.ofHours(8)).toString();
        StringBuilder sb = new StringBuilder(320);
        for (int i = 0; i < positions; i++) {
            Shape s = shape(i);
            int confirmed = confirmed(i, s, extra);
            int all = confirmed + unpaid(i, s) + unpaidShare(s, confirmed);
            for (int k = 0; k < all; k++, person++) {
                String fee = k >= confirmed ? "UNPAID" : person % 29 == 5 ? "WAIVED" : "PAID";
                String id = idNumber(person);
                String name = SURNAMES[random.nextInt(SURNAMES.length)]
                        + GIVEN[random.nextInt(GIVEN.length)]
                        + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
                LocalDate birth = birthDate(person);
                sb.setLength(0);
                sb.append(id)
                        .append(',')
                        .append(name)
                        .append(',')
                        .append(phone(person))
                        .append(',')
                        .append(birth)
                        .append(',')
                        .append(EDUCATION[random.nextInt(EDUCATION.length)])
                        .append(',')
                        .append(random.nextInt(10) < 8)
                        .append(',')
                        .append(MAJORS[random.nextInt(MAJORS.length)])
                        .append(',')
                        .append(POLITICAL[random.nextInt(POLITICAL.length)])
                        .append(',')
                        .append(random.nextInt(10) < 7 ? 0 : random.nextInt(6))
                        .append(',')
                        .append(REGIONS[(int) (person % REGIONS.length)].substring(0, 4))
                        .append("00,")
                        .append(DEMO_PASSWORD_HASH)
                        .append(',')
                        .append(positionCode(i))
                        .append(',')
                        .append(fee);
                if (fee.equals("PAID")) {
                    String channel = CHANNELS[(int) (person % CHANNELS.length)];
                    sb.append(",100.00,CNY,")
                            .append(channel)
                            .append(',')
                            .append(String.format("2023011%c%013d", channel.charAt(0), person))
                            .append(',')
                            .append(paid);
                } else {
                    sb.append(",,,,,");
                }
                sb.append('\n');
                out.write(sb.toString());
                if (notables.size() < 12 && (s == Shape.CANCEL && (k == 0 || !fee.equals("PAID")) || i < 2 && k == 0)) {
                    notables.add(new Notable(id, name, positionCode(i), s, fee));
                }
            }
        }
        return person;
    }

    /** A valid resident ID number, unique for every index below six million. */
    static String idNumber(long person) {
        LocalDate birth = birthDate(person);
        String first17 = REGIONS[(int) (person % REGIONS.length)]
                + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + String.format("%03d", person % 1000);
        return first17 + cn.gov.exam.change.common.credentials.IdNumbers.checkDigit(first17);
    }

    static LocalDate birthDate(long person) {
        return LocalDate.of(1986, 1, 1).plusDays((person / 1000) % 6000);
    }

    /**
     * {@code POSITIONS REGISTRATIONS DIR [CANCELLED [CANCELLED_QUOTA [UNPAID_PERCENT]]]}: by default
     * the demo's shape (35 of 400 cancelled, each with a quota of 1, few unpaid).
     */
    public static void main(String[] args) throws IOException {
        int positions = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        long registrations = args.length > 1 ? Long.parseLong(args[1]) : 3_000_000;
        Path dir = Path.of(args.length > 2 ? args[2] : "bench/data");
        int cancelled = args.length > 3 ? Integer.parseInt(args[3]) : positions * 35 / 400;
        int cancelledQuota = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int unpaidPercent = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Files.createDirectories(dir);
        DemoDataGenerator g = new DemoDataGenerator(
                positions,
                cancelled,
                registrations,
                Instant.parse("2023-01-10T02:00:00Z"),
                cancelledQuota,
                unpaidPercent);
        try (Writer w = writer(dir.resolve("positions.csv"))) {
            g.writePositions(w);
        }
        long n;
        try (Writer w = writer(dir.resolve("registrations.csv"))) {
            n = g.writeRegistrations(w);
        }
        System.out.printf("%d positions, %d registrations in %s%n", positions, n, dir.toAbsolutePath());
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20);
    }

    /**
     * Most applicants gave a mainland mobile number (they are sent SMS); one in fifteen a landline
     * and one in fifteen none, who see their messages only on the status page.
     */
    static String phone(long person) {
        return switch ((int) (person % 15)) {
            case 4 -> String.format("0351-%07d", person % 10_000_000);
            case 9 -> "";
            default -> String.format("139%08d", person % 100_000_000);
        };
    }
}
