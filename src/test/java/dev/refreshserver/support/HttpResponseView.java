package dev.refreshserver.support;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as a test reads it: status, headers and the JSON body. */
public record HttpResponseView(int status, String body, java.net.http.HttpHeaders headers) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static HttpResponseView of(HttpResponse<String> response) {
		return new HttpResponseView(response.statusCode(), response.body(), response.headers());
	}

	public JsonNode json() {
		return JSON.readTree(this.body);
	}

	public String field(String name) {
		JsonNode node = json().get(name);
		return (node == null || node.isNull()) ? null : node.asString();
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	public String error() {
		return field("error");
	}

	@Override
	public String toString() {
		return this.status + " " + this.body;
	}
}
