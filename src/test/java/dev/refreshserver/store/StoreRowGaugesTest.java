package dev.refreshserver.store;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** On H2 the row gauges count afresh at every scrape: a grant minted between two scrapes shows at once. */
class StoreRowGaugesTest extends ServerTest {

	@Test
	void aScrapeRightAfterAMintCountsTheNewFamily() {
		long before = rows("token_family");
		for (int i = 1; i <= 3; i++) {
			this.http.mintRefreshToken("demo-client", "read");
			assertThat(rows("token_family")).as("after %d mints", i).isEqualTo(before + i);
		}
	}

	private long rows(String table) {
		return (long) this.http.metric("refresh_store_rows", "table", table);
	}
}
