package dev.refreshserver.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.store.H2Backups;

/** {@code POST /admin/backup}: an online backup of the H2 store; answers the file it wrote. */
@RestController
public class BackupController {

	private final H2Backups backups;

	public BackupController(H2Backups backups) {
		this.backups = backups;
	}

	@PostMapping("/admin/backup")
	public Map<String, Object> backup() throws IOException, SQLException {
		Path file = this.backups.backup();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("file", file.getFileName().toString());
		body.put("path", file.toString());
		body.put("size", Files.size(file));
		return body;
	}

	@ExceptionHandler(UnsupportedOperationException.class)
	public ResponseEntity<Map<String, Object>> unsupported(UnsupportedOperationException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Map.of("error", "unsupported", "error_description", ex.getMessage()));
	}
}
