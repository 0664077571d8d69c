package cn.gov.exam.change.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, one browser for all browser tests (started on first use,
 * closed when the JVM ends). Every page (the applicants' and the staff console's) runs under the service's
 * Content-Security-Policy, added to the HTML page's response here so the tests prove the pages work under it, and collects CSP
 * violations, page errors and console errors for the test to assert there are none.
 */
public final class Browser {
    /** Debian's Chromium; -Dbrowser.chromium=… names another (or a missing one, to see the skip). */
    public static final Path CHROMIUM = Paths.get(System.getProperty("browser.chromium", "/usr/bin/chromium"));

    public static final String INSTALL = "apt-get install -y chromium chromium-driver fonts-wqy-microhei";
    /** The policy the service sets on its pages (the colleague's header filter sends the same). */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static Playwright playwright;
    private static com.microsoft.playwright.Browser browser;
    private static boolean announced;

    private Browser() {}

    /** For {@code @EnabledIf}: Chromium is installed, or CI requires the tests (then they fail without it). */
    public static synchronized boolean available() {
        if (Files.isExecutable(CHROMIUM) || Boolean.getBoolean("browser.tests.required")) {
            return true;
        }
        if (!announced) {
            announced = true;
            System.out.println("Browser tests SKIPPED: no Chromium at " + CHROMIUM + ". Install it with: " + INSTALL
                    + " (CI runs with -Dbrowser.tests.required=true and fails instead)");
        }
        return false;
    }

    public static synchronized com.microsoft.playwright.Browser get() {
        if (browser == null) {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException(
                        "Browser tests are required but " + CHROMIUM + " is missing: " + INSTALL);
            }
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--no-first-run")));
            // A sign-in is a bcrypt check at a low OS priority: on a machine busy with other work it
            // may take seconds, which is not what these tests are about.
            com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    /** A fresh tab (own storage) of width × height on the service at {@code base}. */
    public static Tab open(String base, int width, int height) {
        BrowserContext context = get().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setBaseURL(base));
        context.setDefaultTimeout(10_000);
        return new Tab(context, base);
    }

    public static final class Tab implements AutoCloseable {
        public final BrowserContext context;
        public final Page page;
        /** CSP violations, uncaught errors and console errors seen so far. */
        public final List<String> problems = Collections.synchronizedList(new ArrayList<>());

        Tab(BrowserContext context, String base) {
            this.context = context;
            String origin = URI.create(base).resolve("/").toString();
            context.route(
                    url -> {
                        String path = URI.create(url).getPath();
                        return url.startsWith(origin)
                                && (path.equals("/")
                                        || path.equals("/index.html")
                                        || path.equals("/console/")
                                        || path.equals("/console/index.html")
                                        || path.equals("/verify")
                                        || path.equals("/verify/"));
                    },
                    this::withCsp);
            context.addInitScript("document.addEventListener('securitypolicyviolation', e => "
                    + "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
            page = context.newPage();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error") && !expectedConsoleError(m.text())) {
                    problems.add("console: " + m.text());
                }
            });
            page.onPageError(e -> problems.add("page error: " + e));
        }

        /** Chromium reports failed fetches (the tests' faked 4xx/5xx and aborts) on the console. */
        private static boolean expectedConsoleError(String text) {
            return text.startsWith("Failed to load resource");
        }

        private void withCsp(Route route) {
            var response = route.fetch();
            Map<String, String> headers = new HashMap<>(response.headers());
            headers.put("content-security-policy", CSP);
            route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
        }

        /** The whole page as target/screenshots/{name}.png. */
        public Path screenshot(String name) {
            return screenshot(name, true);
        }

        /** The page, or only what the viewport shows (a dialog over the page). */
        public Path screenshot(String name, boolean fullPage) {
            Path file = SCREENSHOTS.resolve(name + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
            return file;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
