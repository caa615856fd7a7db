package dev.regard.kafka.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository on disk, committed to with JGit. */
public final class GitRepo implements AutoCloseable {
  private final Git git;
  private final Path dir;

  public GitRepo(Path dir) throws Exception {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  /** Writes the files under {@code path} and commits everything; returns the commit id. */
  public String commit(String path, Map<String, byte[]> files, String message) throws Exception {
    Path base = path.isEmpty() ? dir : dir.resolve(path);
    Files.createDirectories(base);
    BundleDirs.write(base, files);
    git.add().addFilepattern(".").call();
    RevCommit commit =
        git.commit()
            .setMessage(message)
            .setAuthor("Test", "test@example.org")
            .setCommitter("Test", "test@example.org")
            .call();
    return commit.getId().name();
  }

  public String url() {
    return dir.toUri().toString();
  }

  @Override
  public void close() {
    git.close();
  }
}
