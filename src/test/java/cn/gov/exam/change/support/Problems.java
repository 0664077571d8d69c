package cn.gov.exam.change.support;

/** Problem types as the service names them (common/ProblemType): the base URI and a slug. */
public final class Problems {
    public static final String BASE = "https://position-change.example/problems/";

    private Problems() {}

    public static String type(String slug) {
        return BASE + slug;
    }
}
