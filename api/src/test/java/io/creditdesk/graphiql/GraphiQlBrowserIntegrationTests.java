package io.creditdesk.graphiql;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) loads the page, signs in as {@code sales}, runs the page's
 * query and sees the customers; the browser reports no failed load and no blocked script.
 * Skipped when the browser or its driver is not installed ({@code .ci/run} installs them
 * where apt exists).
 */
@CreditDeskIntegrationTest
@EnabledIf("browserInstalled")
class GraphiQlBrowserIntegrationTests {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	@Autowired
	private HttpGraphQlTester graphQl;

	private Path profile;

	private WebDriver browser;

	static boolean browserInstalled() {
		return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
	}

	@BeforeEach
	void startBrowser() throws IOException {
		this.profile = Files.createTempDirectory("creditdesk-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1400,900", "--user-data-dir=" + this.profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		FileSystemUtils.deleteRecursively(this.profile);
	}

	@Test
	void signsInAsSalesRunsAQueryAndSeesData() throws IOException {
		TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"), "SMB", "SILVER", "RETAIL", "EUR");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(60));
		this.browser.get("http://localhost:" + this.port + "/graphiql");

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
		assertThat(this.browser.getCurrentUrl()).endsWith("/graphiql/login");
		new Select(this.browser.findElement(By.id("username"))).selectByValue("sales");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.id("sign-in")).click();

		WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("creditdesk-user")));
		assertThat(user.getText()).isEqualTo("Signed in as sales (SALES)");
		WebElement run = wait
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".graphiql-execute-button")));
		run.click();
		wait.until(ExpectedConditions.textMatches(By.cssSelector(".graphiql-response"),
				Pattern.compile("\"totalCount\": [1-9]")));
		String response = this.browser.findElement(By.cssSelector(".graphiql-response")).getText();
		// What the person saw, for a look after a failure elsewhere:
		// target/graphiql-browser-check.png.
		Files.copy(((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath(),
				Path.of("target", "graphiql-browser-check.png"), StandardCopyOption.REPLACE_EXISTING);
		assertThat(response).contains("\"customers\"").contains("\"name\"").doesNotContain("\"errors\"");

		List<LogEntry> problems = this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.toList();
		assertThat(problems).as("failed loads, blocked scripts (Content-Security-Policy) or script errors").isEmpty();

		this.browser.findElement(By.id("creditdesk-sign-out")).click();
		WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("creditdesk-message")));
		assertThat(message.getText()).startsWith("You are signed out");
	}

}
