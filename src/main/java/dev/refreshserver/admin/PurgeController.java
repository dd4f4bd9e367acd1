package dev.refreshserver.admin;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.store.PurgeReport;
import dev.refreshserver.store.StorePurge;

/**
 * {@code POST /admin/purge}: runs the store purge now, by the server clock (so a test can move
 * the clock with {@code /admin/clock} and purge), and answers what it removed.
 */
@RestController
@RequestMapping("/admin/purge")
public class PurgeController {

	private final StorePurge purge;

	public PurgeController(StorePurge purge) {
		this.purge = purge;
	}

	@PostMapping
	public PurgeReport purge() {
		return this.purge.purge();
	}
}
