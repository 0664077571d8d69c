package cn.gov.exam.change.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gov.exam.change.common.credentials.IdNumbers;
import cn.gov.exam.change.receipt.QrDecoding;
import cn.gov.exam.change.support.Api;
import cn.gov.exam.change.support.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Margin;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receipt printed from 我的改报 (Chromium's print to PDF: one A4 page with the code, its QR code
 * decoding to the verification URL) and the public /verify page it points to, on a phone.
 */
@QuarkusTest
class ReceiptBrowserTest extends BrowserTestBase {
    @BeforeEach
    void needsChromium() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Browser.available(), Browser.INSTALL);
    }

    @Test
    void theReceiptPrintsOnOneA4PageWithItsCodeAndAQrCodeOfTheVerificationUrl() throws Exception {
        WebFixture f = new WebFixture(0);
        Api.switchTo(f.exam, f.paid, "T-OK");
        signIn(f.exam, f.paid);
        assertThat(page.locator("#receipts-heading")).hasText("回执");
        assertThat(page.locator("#receipts .receipt-list__kind")).hasText("改报申请回执");
        page.locator("#receipts").scrollIntoViewIfNeeded();
        tab.screenshot("receipts-list-390", false);
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.LINK,
                        new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^打印回执\\s*（改报申请回执）$")))
                .click();
        assertThat(h1()).hasText("职位改报回执");
        String code = page.locator("#receipt-code").textContent().trim();
        assertTrue(code.matches("([2-9A-HJKMNP-Z]{4}-){3}[2-9A-HJKMNP-Z]{4}"), code);
        assertThat(page.locator(".receipt")).containsText(IdNumbers.mask(f.paid));
        assertThat(page.locator(".receipt")).containsText("张三");
        assertThat(page.locator(".receipt")).containsText("C1 一级科员");
        // The QR image has loaded (same origin, under the production CSP).
        page.waitForFunction("() => { const i = document.querySelector('.receipt__qr'); "
                + "return i && i.complete && i.naturalWidth > 0; }");
        tab.screenshot("receipt-page-390");

        byte[] pdf = page.pdf(new Page.PdfOptions()
                .setPreferCSSPageSize(true)
                .setPrintBackground(false)
                .setMargin(new Margin()));
        Path file = Paths.get("target", "screenshots", "receipt.pdf");
        Files.createDirectories(file.getParent());
        Files.write(file, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages(), "one page");
            float width = doc.getPage(0).getMediaBox().getWidth();
            float height = doc.getPage(0).getMediaBox().getHeight();
            // A4 is 595 × 842 points.
            assertEquals(595, width, 2);
            assertEquals(842, height, 2);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains(code), "the PDF's text has the code: " + text);
            assertTrue(text.contains(IdNumbers.mask(f.paid)), text);
            assertTrue(!text.contains(f.paid), "no full ID number on the receipt");
            // The printed page as an image (the README's screenshot), and its QR code read back.
            BufferedImage printed = new PDFRenderer(doc).renderImageWithDPI(0, 150);
            ImageIO.write(
                    printed,
                    "png",
                    Paths.get("target", "screenshots", "receipt-print-a4.png").toFile());
            String url = QrDecoding.decode(printed);
            assertEquals(base.toString().replaceAll("/$", "") + "/verify?code=" + code, url);
        }

        // The QR code's target: the public page, with the receipt masked and current.
        String verifyUrl = base.toString().replaceAll("/$", "") + "/verify?code=" + code;
        page.navigate(verifyUrl);
        assertThat(h1()).hasText("回执核验");
        assertThat(page.locator("#verdict h2")).hasText("回执真实有效");
        assertThat(page.locator("#verdict")).containsText("张*");
        assertThat(page.locator("#verdict"))
                .containsText(f.paid.substring(0, 4) + "*".repeat(10) + f.paid.substring(14));
        assertThat(page.locator("#verdict")).not().containsText("张三");
        assertNoSidewaysScroll();
        tab.screenshot("verify-valid-390");
    }

    @Test
    void theVerifyPageTellsAMistypedCodeFromAnUnknownOne() {
        WebFixture f = new WebFixture(0);
        Api.switchTo(f.exam, f.paid, "T-OK");
        String code = Api.as(Api.applicantToken(f.exam, f.paid))
                .get("/api/v1/me")
                .then()
                .extract()
                .path("receipts[0].code");
        page.navigate("/verify");
        assertThat(h1()).hasText("回执核验");
        // One character mistyped: the check character says so before anything is looked up.
        String typo = (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);
        page.getByLabel("核验码").fill(typo);
        button("核验").click();
        assertThat(errorSummary()).containsText("核验码有误");
        // A code that checks but was never issued.
        page.getByLabel("核验码").fill("2222-2222-2222-2222");
        button("核验").click();
        assertThat(page.locator("#verdict h2")).hasText("查无此回执");
        tab.screenshot("verify-unknown-390");
        // Typed in lower case without dashes: found.
        page.getByLabel("核验码").fill(code.replace("-", "").toLowerCase());
        button("核验").click();
        assertThat(page.locator("#verdict h2")).hasText("回执真实有效");
        assertEquals(
                "/verify?code=" + code.replace("-", "").toLowerCase(),
                page.evaluate("location.pathname + location.search"));
    }
}
