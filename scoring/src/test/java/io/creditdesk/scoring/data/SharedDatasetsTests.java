package io.creditdesk.scoring.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDatasetsTests {

	@TempDir
	Path root;

	@Test
	void findsSharedDatasetsBesideTheProjectFromAnyDirectoryInside() throws IOException {
		Path datasets = Files.createDirectories(root.resolve("shared/datasets"));
		Path file = Files.writeString(datasets.resolve(SharedDatasets.UCI), "x");
		Path module = Files.createDirectories(root.resolve("project/scoring/target"));
		assertThat(SharedDatasets.find(SharedDatasets.UCI, root.resolve("project"))).contains(file);
		assertThat(SharedDatasets.find(SharedDatasets.UCI, module)).contains(file);
		assertThat(SharedDatasets.find(SharedDatasets.IBM_AR, module)).isEmpty();
	}

	@Test
	void absentDatasetsAreEmptyNotAnError() throws IOException {
		Path alone = Files.createDirectories(root.resolve("a/b/c"));
		assertThat(SharedDatasets.find(SharedDatasets.UCI, alone)).isEmpty();
	}

}
