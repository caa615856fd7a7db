package dev.regard.triage.input;

import dev.regard.triage.finding.PathNormalizer;
import java.io.IOException;
import java.nio.file.Path;

/** Streams the findings of a file in either format. */
public final class FindingsReader {
  private final PathNormalizer paths;
  private final ByteCounter counter;

  /**
   * @param paths resolves locations against the repository
   * @param counter counts bytes read, for progress; may be null
   */
  public FindingsReader(PathNormalizer paths, ByteCounter counter) {
    this.paths = paths;
    this.counter = counter;
  }

  /** Detects the file's format, then streams its findings. */
  public void read(Path file, String input, FindingSink sink) throws IOException {
    read(file, input, InputFormat.detect(file, input), sink);
  }

  /** Streams the findings of a file whose format is known. */
  public void read(Path file, String input, InputFormat format, FindingSink sink)
      throws IOException {
    if (format == InputFormat.SARIF) {
      new SarifReader(paths, counter)
          .read(
              file,
              input,
              (result, finding) -> {
                sink.accept(finding);
                return result;
              });
    } else {
      new AgentFindingsReader(paths, counter).read(file, input, sink);
    }
  }
}
