package cn.gov.exam.change.auth;

import cn.gov.exam.change.common.problems.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a staff username and password must be, for accounts created through the API and for the
 * bootstrap admin alike. Usernames may not pose as the other actors of the audit log.
 */
public final class StaffCredentialsPolicy {
    public static final int MIN_LENGTH = 12;
    /** Audit actors that are not staff: an account named like them could pass for them. */
    private static final List<String> RESERVED_PREFIXES =
            List.of("applicant", "anonymous", "system", "payment-system", "dispatcher");

    private static final Set<String> COMMON = load();

    private StaffCredentialsPolicy() {}

    public static List<FieldError> problems(String username, String password) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.toLowerCase(Locale.ROOT);
        if (RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
            errors.add(FieldError.of("username", "must not begin with " + String.join(", ", RESERVED_PREFIXES)));
        }
        if (password == null) {
            return errors;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.length() < MIN_LENGTH) {
            errors.add(FieldError.of("password", "must be at least " + MIN_LENGTH + " characters"));
        }
        if (classes(password) < 2 || password.chars().distinct().count() < 4) {
            errors.add(FieldError.of("password", "must mix letters, digits or symbols"));
        }
        if (!name.isEmpty() && lower.contains(name)) {
            errors.add(FieldError.of("password", "must not contain the username"));
        }
        if (COMMON.contains(lower)) {
            errors.add(FieldError.of("password", "is too common"));
        }
        return errors;
    }

    /** Lower case, upper case, digits, anything else. */
    private static int classes(String s) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static Set<String> load() {
        try (InputStream in = StaffCredentialsPolicy.class.getResourceAsStream("/auth/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("auth/common-passwords.txt is missing from the application");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
