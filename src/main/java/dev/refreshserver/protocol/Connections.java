package dev.refreshserver.protocol;

import java.lang.reflect.Field;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Response;
import org.apache.catalina.connector.ResponseFacade;
import org.apache.coyote.ActionCode;

/** What the Servlet API cannot say: close a connection without sending any response. */
final class Connections {

	private Connections() {
	}

	/**
	 * Tomcat's {@code CLOSE_NOW}: nothing of the response is sent, and the connection is closed
	 * once the request is done. Any other container answers 500 instead.
	 */
	static void closeWithoutResponse(HttpServletResponse response) {
		ServletResponse inner = response;
		while (inner instanceof ServletResponseWrapper wrapper) {
			inner = wrapper.getResponse();
		}
		if (inner instanceof ResponseFacade facade) {
			try {
				Field field = ResponseFacade.class.getDeclaredField("response");
				field.setAccessible(true);
				((Response) field.get(facade)).getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
				return;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// fall through to an answer that is at least not a success
			}
		}
		response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
	}
}
