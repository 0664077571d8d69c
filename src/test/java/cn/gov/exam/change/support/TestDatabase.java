package cn.gov.exam.change.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the database every test class shares, so that all of them run in one Quarkus boot. */
@WithTestResource(value = EmbeddedPostgresTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestDatabase {
    private TestDatabase() {}
}
