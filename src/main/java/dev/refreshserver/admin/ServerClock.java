package dev.refreshserver.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock: the system clock plus an offset that tests and the dev control plane
 * can move forward, so a client can meet a 90-day or 3-year expiry in a second. Every piece
 * of logic takes its time from here, never from {@code Instant.now()}.
 */
public class ServerClock extends Clock {

	private final Clock system;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	public ServerClock(Clock system) {
		this.system = system;
	}

	public void advance(Duration amount) {
		this.offset.updateAndGet((current) -> current.plus(amount));
	}

	/** Moves the clock so that it reads {@code now} at this moment (earlier or later). */
	public void set(Instant now) {
		this.offset.set(Duration.between(this.system.instant(), now));
	}

	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	public Duration offset() {
		return this.offset.get();
	}

	@Override
	public Instant instant() {
		return this.system.instant().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The server clock is always UTC");
	}
}
