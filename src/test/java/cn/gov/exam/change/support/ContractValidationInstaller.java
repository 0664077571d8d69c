package cn.gov.exam.change.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts {@link ContractValidation} in front of every REST Assured request of every {@code @QuarkusTest}
 * (registered in META-INF/services). Quarkus loads these callbacks with the tests' own class
 * loader, so the filter lands in the same REST Assured the tests call; before each test as well,
 * in case a test replaced the global filters.
 */
public class ContractValidationInstaller implements QuarkusTestBeforeClassCallback, QuarkusTestBeforeEachCallback {
    @Override
    public void beforeClass(Class<?> testClass) {
        ContractValidation.install();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ContractValidation.install();
    }
}
