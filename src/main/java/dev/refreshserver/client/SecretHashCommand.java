package dev.refreshserver.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@code java -jar refresh-server.jar hash-secret [SECRET]}: prints the password hash of a
 * client secret ({@code {bcrypt}...}) to put under {@code secret:} in configuration, and exits
 * without starting the server. Without an argument the secret is read from the first line of
 * standard input, so it need not appear in the shell's history or the process list.
 */
public final class SecretHashCommand {

	public static final String NAME = "hash-secret";

	private SecretHashCommand() {
	}

	/** @return the process exit status */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
		String secret;
		if (args.length > 2) {
			err.println("usage: java -jar refresh-server.jar hash-secret [SECRET]   (or the secret on standard input)");
			return 2;
		}
		if (args.length == 2) {
			secret = args[1];
		}
		else {
			secret = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
		}
		if (secret == null || secret.isEmpty()) {
			err.println("hash-secret: the secret is empty");
			return 2;
		}
		out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(secret));
		return 0;
	}
}
