package dev.refreshserver.config;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.refreshserver.protocol.JsonErrorReportValve;

/**
 * The connector's own error answers (request limits are under {@code server.*} in
 * {@code config/application.yml}): a request Tomcat refuses before the application sees it is
 * answered in JSON by {@link JsonErrorReportValve}, never with Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfig {

	@Bean
	JsonConnectorErrors jsonConnectorErrors() {
		return new JsonConnectorErrors();
	}

	static final class JsonConnectorErrors
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Container parent = context.getParent();
				for (Valve valve : parent.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						parent.getPipeline().removeValve(valve);
					}
				}
				parent.getPipeline().addValve(new JsonErrorReportValve());
				if (parent instanceof StandardHost host) {
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			// after Boot's own customizer, which installs Tomcat's HTML ErrorReportValve
			return Ordered.LOWEST_PRECEDENCE;
		}
	}
}
