package org.integrationhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Integration Hub pages of the web console in a real browser: Debian's headless chromium, driven by its
 * chromedriver through Selenium (no Selenium Manager, nothing downloaded), against one booted distribution. Logs in as
 * the first-boot admin, opens every hub page, creates an API key and uses it on the REST API, revokes it, registers a
 * webhook and rotates its secret, registers an OAuth client, checks that the browser logged no JavaScript error, and
 * takes a screenshot of each page ({@code -Dhub.screenshots=<dir>}, default {@code target/screenshots}).
 *
 * <p>Without chromium or chromedriver the test fails with what to install: CI must run it ({@code .ci/run} installs
 * both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleBrowserIT {

    private static final String CHROMIUM = System.getProperty("hub.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("hub.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private HubProcess hub;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String console;
    private String adminKey;
    private Path screenshots;
    private final List<String> browserErrors = new ArrayList<>();
    private WebhookReceiver receiver;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(Paths.get(CHROMIUM)) || !Files.isExecutable(Paths.get(CHROMEDRIVER))) {
            fail("The browser tests need Debian's chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver; .ci/run installs them), or -Dhub.chromium and "
                    + "-Dhub.chromedriver naming them.");
        }
        screenshots = screenshotDir();
        Path dir = Paths.get(System.getProperty("project.build.directory", "target"), "webconsole-browser-it");
        hub = HubProcess.unpack(Paths.get(System.getProperty("hub.distribution")), dir);
        Files.writeString(dir.resolve("etc/org.integrationhub.webhooks.cfg"), "allowedNetworks = 127.0.0.0/8\n");
        Properties web = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("etc/org.ops4j.pax.web.cfg"))) {
            web.load(in);
        }
        String port = web.getProperty("org.osgi.service.http.port");
        hub.start();
        hub.http().awaitHealthy(Duration.ofSeconds(120));
        adminKey = hub.createKey("browser-it-admin", "--scope", "admin", "--rate-limit", "unlimited");
        // a receiver that acknowledges: the dashboard's delivery chart has real deliveries to count
        receiver = new WebhookReceiver();
        HubHttp.Answer hook = hub.http().post("/api/v1/webhooks", adminKey, "{\"url\":\"" + receiver.url()
                + "\",\"events\":[\"*\"],\"description\":\"helpdesk sync\"}");
        assertThat(hook.status).as(hook.toString()).isEqualTo(201);
        receiver.secret = hook.json.path("secret").asText();
        for (String p : List.of("urgent", "high", "normal")) {
            assertThat(hub.http().post("/api/v1/tickets", adminKey, HubHttp.ticketJson("Browser test " + p, p,
                    "browser@example.com")).status).isEqualTo(201);
        }
        String password = Files.readString(dir.resolve("etc/initial-admin-password")).trim();
        startBrowser();
        console = "http://127.0.0.1:" + port + "/system/console/";
        // HTTP basic: the credentials in the first URL; chromium then sends them for the rest of the console
        driver.get("http://admin:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@127.0.0.1:" + port
                + "/system/console/hub");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".hub-page")));
    }

    private void startBrowser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("hub-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--metrics-recording-only", "--no-default-browser-check");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(Paths.get(System.getProperty("project.build.directory", "target"), "chromedriver.log")
                        .toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        wait = new WebDriverWait(driver, WAIT);
    }

    private static Path screenshotDir() throws Exception {
        Path p = Paths.get(System.getProperty("hub.screenshots", "target/screenshots"));
        if (!p.isAbsolute()) {
            Path cwd = Paths.get("").toAbsolutePath();
            // relative paths name the repository (mvn runs the tests in itests/)
            p = (cwd.getFileName().toString().equals("itests") ? cwd.getParent() : cwd).resolve(p);
        }
        Files.createDirectories(p);
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
            if (service != null) {
                service.stop();
            }
        } finally {
            if (hub != null) {
                hub.stop();
            }
            if (receiver != null) {
                receiver.close();
            }
        }
    }

    @Test
    @Order(1)
    void dashboardShowsTheTicketFiguresAndCharts() throws Exception {
        open("hub");
        assertThat(text(".hub-page")).contains("Tickets", "Open", "Overdue", "SLA breached", "Average resolution",
                "Deliveries, last 30 minutes", "Connectors worth a look", "Webhook endpoints failing or disabled");
        assertThat(driver.findElements(By.cssSelector(".hub-figure-value")).get(0).getText()).isEqualTo("3");
        assertThat(driver.findElements(By.cssSelector(".hub-chart svg"))).hasSize(2);
        List<String> menu = driver.findElements(By.cssSelector("a[href*='/system/console/hub']")).stream()
                .map(a -> a.getAttribute("textContent").trim()).toList();
        assertThat(menu).as("the hub's pages in the console menu").contains("Dashboard", "Integrations", "Webhooks",
                "OAuth clients", "API keys");
        System.out.println("Console menu of the hub: " + menu);
        screenshot("dashboard");
    }

    @Test
    @Order(2)
    void integrationsPageRenders() throws Exception {
        open("hub-integrations");
        assertThat(text(".hub-page")).contains("Integrations", "Add an integration", "Pending and failed event deliveries")
                .doesNotContain("is not installed");
        screenshot("integrations");
    }

    @Test
    @Order(3)
    void anApiKeyMadeInTheBrowserWorksOnTheApiUntilItIsRevokedThere() throws Exception {
        open("hub-apikeys");
        driver.findElement(By.id("hub-field-name")).sendKeys("browser-key");
        driver.findElement(By.id("hub-field-scope-tickets_read")).click();
        driver.findElement(By.id("hub-field-rateLimit")).sendKeys("600");
        submit("create");
        WebElement keyField = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-new-key")));
        String key = keyField.getAttribute("value");
        assertThat(key).startsWith("hub_");
        assertThat(text(".hub-page")).contains("API key browser-key", "created", "shown on this page only");
        checkBrowserLog("apikey-created");
        assertThat(hub.http().get("/api/v1/tickets?limit=1", key).status).as("the new key on REST").isEqualTo(200);

        driver.findElement(By.linkText("Back to the list")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-apikeys-table")));
        assertThat(driver.getPageSource()).doesNotContain(key);
        WebElement row = driver.findElement(By.xpath("//table[@id='hub-apikeys-table']//tr[td[2][text()='browser-key']]"));
        screenshot("apikeys");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".hub-notice"), "revoked"));
        checkBrowserLog("apikeys");
        assertThat(hub.http().get("/api/v1/tickets?limit=1", key).status).as("the revoked key on REST").isEqualTo(401);
    }

    @Test
    @Order(4)
    void aWebhookMadeInTheBrowserGetsASecretOnceAndARotatedOne() throws Exception {
        open("hub-webhooks");
        driver.findElement(By.id("hub-field-url")).sendKeys("http://127.0.0.1:9/browser-hook");
        driver.findElement(By.id("hub-field-event-ticket_created")).click();
        driver.findElement(By.id("hub-field-description")).sendKeys("made in the browser");
        submit("create");
        String secret = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-new-webhook-secret")))
                .getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        checkBrowserLog("webhook-created");

        driver.findElement(By.linkText("Back to the list")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-webhooks-table")));
        assertThat(text("#hub-webhooks-table")).contains("http://127.0.0.1:9/browser-hook", "made in the browser",
                "ticket.created");
        assertThat(text(".hub-page")).contains("Replay events to webhook");
        assertThat(driver.getPageSource()).doesNotContain(secret);
        WebElement row = driver.findElement(By.xpath(
                "//table[@id='hub-webhooks-table']//tr[td[2][text()='http://127.0.0.1:9/browser-hook']]"));
        row.findElement(By.xpath(".//button[text()='Rotate secret']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        String rotated = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-new-webhook-secret")))
                .getAttribute("value");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(text(".hub-page")).contains("keeps signing alongside until");
        checkBrowserLog("webhook-rotated");
        // a ticket event for the new endpoint, whose receiver is down: the dashboard lists it as failing
        hub.http().post("/api/v1/tickets", adminKey, HubHttp.ticketJson("After the webhook", "low", "late@example.com"));
        open("hub-webhooks");
        screenshot("webhooks");
    }

    @Test
    @Order(5)
    void anOAuthClientMadeInTheBrowserGetsItsSecretOnce() throws Exception {
        open("hub-oauth");
        driver.findElement(By.id("hub-field-name")).sendKeys("Browser app");
        driver.findElement(By.id("hub-field-grant-client_credentials")).click();
        driver.findElement(By.id("hub-field-scope-tickets_read")).click();
        submit("create");
        String clientId = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-new-client-id")))
                .getAttribute("value");
        String secret = driver.findElement(By.id("hub-new-client-secret")).getAttribute("value");
        assertThat(clientId).isNotBlank();
        assertThat(secret).isNotBlank();
        checkBrowserLog("oauth-created");
        driver.findElement(By.linkText("Back to the list")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("hub-oauth-clients")));
        assertThat(text("#hub-oauth-clients")).contains(clientId, "Browser app", "client_credentials");
        assertThat(driver.getPageSource()).doesNotContain(secret);
        screenshot("oauth-clients");
    }

    @Test
    @Order(6)
    void aFormErrorIsShownOnTheFormWithoutAStackTrace() throws Exception {
        open("hub-apikeys");
        driver.findElement(By.id("hub-field-name")).sendKeys("no scope");
        submit("create");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".hub-page"), "Not saved"));
        assertThat(text(".hub-page")).contains("at least one scope").doesNotContain("Exception", "at org.");
        assertThat(driver.findElement(By.id("hub-field-name")).getAttribute("value")).isEqualTo("no scope");
        checkBrowserLog("apikeys-error");
    }

    @Test
    @Order(7)
    void theDashboardAfterwardsCountsTheDeliveriesAndNoJavaScriptErrorsAnywhere() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.arrivals.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(receiver.arrivals).as("tickets delivered to the receiver").hasSizeGreaterThanOrEqualTo(4);
        assertThat(receiver.rejected).isEmpty();
        int delivered = 0;
        while (System.nanoTime() < deadline) {
            open("hub");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) delivered, (\\d+) failed attempts")
                    .matcher(text(".hub-page"));
            assertThat(m.find()).isTrue();
            delivered = Integer.parseInt(m.group(1));
            if (delivered >= receiver.arrivals.size()) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(delivered).as("deliveries on the dashboard").isGreaterThanOrEqualTo(4);
        assertThat(driver.findElements(By.cssSelector(".hub-bar-good"))).isNotEmpty();
        screenshot("dashboard");
        assertThat(browserErrors).as("SEVERE entries of the browser's console log").isEmpty();
    }

    private void open(String label) {
        driver.get(console + label);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".hub-page")));
        checkBrowserLog(label);
    }

    private void submit(String action) {
        driver.findElement(By.xpath("//form[@class='hub-form'][input[@name='action'][@value='" + action
                + "']]//button[@type='submit']")).click();
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /**
     * Collects the browser's SEVERE console entries since the last look: JavaScript errors and failed loads, except the
     * two images of Karaf's own console theme that Karaf 4.4.10 does not ship ({@code res/karaf/lib/bg.gif},
     * {@code res/karaf/imgs/favicon.ico}: 404 on every console page, the hub's or not).
     */
    private void checkBrowserLog(String where) {
        List<String> fresh = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage().replaceAll("//admin:[^@/]*@", "//admin:***@");
            boolean karafTheme = m.contains("Failed to load resource") && (m.contains("/system/console/res/karaf/lib/bg.gif")
                    || m.contains("/system/console/res/karaf/imgs/favicon.ico"));
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !karafTheme) {
                fresh.add(where + ": " + m);
            }
        }
        browserErrors.addAll(fresh);
        assertThat(fresh).as("SEVERE entries of the browser's console log").isEmpty();
    }

    private void screenshot(String page) throws Exception {
        JavascriptExecutor js = driver;
        long height = ((Number) js.executeScript("return Math.max(document.body.scrollHeight, "
                + "document.documentElement.scrollHeight)")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height + 40, 700), 4000)));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("console-" + page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }
}
