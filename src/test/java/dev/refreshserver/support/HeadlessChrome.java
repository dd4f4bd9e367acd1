package dev.refreshserver.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: nothing is downloaded (the
 * driver and browser paths are given, so Selenium Manager has nothing to look for). Each
 * instance has its own temporary profile, removed on close. Also takes screenshots into
 * {@code target/screenshots/} and checks a page with axe-core.
 */
public final class HeadlessChrome implements AutoCloseable {

	public static final String CHROMIUM = "/usr/bin/chromium";

	public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChrome(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** A laptop-sized window (1280 x 900). */
	public static HeadlessChrome start() {
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		Path profile;
		try {
			profile = Files.createTempDirectory("refresh-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		return new HeadlessChrome(driver, profile);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Opens {@code url} and waits until its document has loaded. */
	public void open(String url) {
		this.driver.get(url);
		new WebDriverWait(this.driver, WAIT).until((driver) -> "complete".equals(
				((ChromeDriver) driver).executeScript("return document.readyState")));
	}

	/**
	 * Types {@code text} into the field {@code target}, finding it again if Chromium reports the
	 * element as gone (it can, right after a navigation, for a node of the page just replaced).
	 */
	public void type(By target, String text) {
		new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class)
			.ignoring(WebDriverException.class)
			.until((driver) -> {
				WebElement field = driver.findElement(target);
				field.clear();
				field.sendKeys(text);
				return text.equals(field.getDomProperty("value"));
			});
	}

	/** Clicks what submits a form or follows a link, and waits until the next page has replaced this one. */
	public void clickAndWait(By target) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		// click once it is clickable, and only until one click got through: a second click on a
		// page that is already leaving could submit its form twice
		boolean[] clicked = { false };
		new WebDriverWait(this.driver, WAIT).until((driver) -> {
			if (!clicked[0] && !replaced(page)) {
				try {
					driver.findElement(target).click();
					clicked[0] = true;
				}
				catch (WebDriverException ex) {
					// not there or not clickable yet: try again on the next poll
				}
			}
			return clicked[0] || replaced(page);
		});
		new WebDriverWait(this.driver, WAIT).until((driver) -> replaced(page));
	}

	/**
	 * Whether an element of the page we left is gone. Chromium 150's driver answers a node of a
	 * replaced document with "Node with given id does not belong to the document" (an unknown
	 * error) as often as with a stale element reference: both mean the page was replaced.
	 */
	private static boolean replaced(WebElement old) {
		try {
			old.isEnabled();
			return false;
		}
		catch (WebDriverException ex) {
			return true;
		}
	}

	/** Resizes the window: e.g. 390 x 844 for a phone. */
	public void windowSize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** Saves the whole page (the window grown to the page's height) as {@code target/screenshots/NAME.png}. */
	public Path screenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		// the window's outer height includes what is not page, so add that difference
		long height = (Long) this.driver.executeScript(
				"return Math.ceil(document.documentElement.scrollHeight + window.outerHeight - window.innerHeight)");
		try {
			this.driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(height, 200)));
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	/** Runs axe-core on the current page and asserts it finds no serious or critical violation. */
	public void assertAccessible() {
		Results results = new AxeBuilder().analyze(this.driver);
		assertThat(results.isErrored()).as("axe-core ran").isFalse();
		List<String> blocking = results.getViolations()
			.stream()
			.filter((rule) -> BLOCKING_IMPACTS.contains(rule.getImpact()))
			.map(HeadlessChrome::describe)
			.toList();
		assertThat(blocking).as("serious or critical axe-core violations on " + this.driver.getCurrentUrl()).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
	}
}
