package dev.refreshserver.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.refreshserver.RefreshServerApplication;
import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.keys.TlsCertificate;

/**
 * The whole server started as a user would start it, with command-line switches, on a random
 * port and with its data and keys under {@code state}; closing it stops the server.
 */
public final class RunningServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ServerHttp http;

	private RunningServer(ConfigurableApplicationContext context, ServerHttp http) {
		this.context = context;
		this.http = http;
	}

	/**
	 * Starts with the admin API on and data and keys under {@code state}, unless {@code switches}
	 * set {@code --refresh.admin.token}, {@code --refresh.data-dir} or {@code --refresh.keys-dir}
	 * themselves.
	 */
	public static RunningServer start(Path state, List<String> switches) {
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("--refresh.data-dir=", state.resolve("data").toString());
		defaults.put("--refresh.keys-dir=", state.resolve("keys").toString());
		defaults.put("--refresh.admin.token=", ServerHttp.ADMIN_TOKEN);
		defaults.forEach((name, value) -> {
			if (switches.stream().noneMatch((arg) -> arg.startsWith(name))) {
				args.add(name + value);
			}
		});
		args.addAll(switches);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RefreshServerApplication.class)
			.run(args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		ServerHttp http = args.contains("--refresh.tls.enabled=true")
				? new ServerHttp("https://localhost:" + port, TlsCertificate.trusting(state.resolve("keys").resolve(TlsCertificate.CERTIFICATE_FILE)))
				: new ServerHttp(port);
		return new RunningServer(context, http);
	}

	public static RunningServer start(Path state, String... switches) {
		return start(state, List.of(switches));
	}

	public ServerHttp http() {
		return this.http;
	}

	public ServerClock clock() {
		return this.context.getBean(ServerClock.class);
	}

	/** A bean of the running server, for what HTTP cannot show (the store's rows, that nothing was recorded). */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}
}
