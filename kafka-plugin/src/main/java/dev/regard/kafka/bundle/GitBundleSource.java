package dev.regard.kafka.bundle;

import dev.regard.rego.bundle.BundleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bundle kept in a git repository: a bare clone is fetched on every poll, the configured ref
 * (branch, tag or commit id) resolved, and the files under a path inside the repository read
 * straight from the commit's tree. The commit id is the bundle's revision.
 */
public final class GitBundleSource implements BundleSource {
  private final String url;
  private final String ref;
  private final String path;
  private final Duration timeout;
  private final long maxBytes;
  private Path cloneDir;
  private Git git;
  private ObjectId lastCommit;

  /**
   * @param ref a branch, tag or commit id
   * @param path a directory inside the repository; empty for the repository root
   */
  public GitBundleSource(String url, String ref, String path, Duration timeout, long maxBytes) {
    this.url = url;
    this.ref = ref;
    this.path = path.replaceAll("^/+|/+$", "");
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  @Override
  public synchronized Optional<BundleFiles> fetch() throws BundleException {
    try {
      if (git == null) {
        cloneDir = Files.createTempDirectory("regard-bundle-git-");
        git =
            Git.cloneRepository()
                .setURI(url)
                .setDirectory(cloneDir.toFile())
                .setBare(true)
                .setTimeout(timeoutSeconds())
                .call();
        // No background garbage collection: the clone is private and removed on close.
        StoredConfig config = git.getRepository().getConfig();
        config.setInt("gc", null, "auto", 0);
        config.save();
      } else {
        git.fetch()
            .setRemote("origin")
            .setRefSpecs(
                new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
            .setRemoveDeletedRefs(true)
            .setTimeout(timeoutSeconds())
            .call();
      }
      Repository repo = git.getRepository();
      ObjectId commitId = repo.resolve(ref + "^{commit}");
      if (commitId == null) {
        throw new BundleException(describe() + ": ref '" + ref + "' not found");
      }
      if (commitId.equals(lastCommit)) {
        return Optional.empty();
      }
      Map<String, byte[]> files = readTree(repo, commitId);
      lastCommit = commitId;
      return Optional.of(new BundleFiles(files, commitId.name()));
    } catch (GitAPIException | IOException e) {
      throw new BundleException(describe() + ": " + e.getMessage(), e);
    }
  }

  private Map<String, byte[]> readTree(Repository repo, ObjectId commitId)
      throws IOException, BundleException {
    Map<String, byte[]> files = new TreeMap<>();
    try (RevWalk revWalk = new RevWalk(repo)) {
      RevCommit commit = revWalk.parseCommit(commitId);
      ObjectId tree = commit.getTree();
      if (!path.isEmpty()) {
        try (TreeWalk sub = TreeWalk.forPath(repo, path, tree)) {
          if (sub == null || !sub.getFileMode(0).equals(FileMode.TREE)) {
            throw new BundleException(
                describe() + ": no directory '" + path + "' in commit " + commitId.name());
          }
          tree = sub.getObjectId(0);
        }
      }
      long total = 0;
      try (TreeWalk walk = new TreeWalk(repo)) {
        walk.addTree(tree);
        walk.setRecursive(true);
        while (walk.next()) {
          FileMode mode = walk.getFileMode(0);
          if (!mode.equals(FileMode.REGULAR_FILE) && !mode.equals(FileMode.EXECUTABLE_FILE)) {
            throw new BundleException(
                describe()
                    + ": "
                    + walk.getPathString()
                    + " is a link or submodule; bundles hold regular files only");
          }
          byte[] bytes = repo.open(walk.getObjectId(0)).getBytes();
          total += bytes.length;
          if (total > maxBytes) {
            throw new BundleException(describe() + ": content exceeds " + maxBytes + " bytes");
          }
          files.put(walk.getPathString(), bytes);
        }
      }
    }
    return files;
  }

  private int timeoutSeconds() {
    return (int) Math.max(1, timeout.toSeconds());
  }

  @Override
  public String describe() {
    return "git " + Redact.url(url) + " ref " + ref + (path.isEmpty() ? "" : " path " + path);
  }

  @Override
  public synchronized void close() {
    if (git != null) {
      git.close();
      git = null;
    }
    if (cloneDir != null) {
      try (Stream<Path> paths = Files.walk(cloneDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(GitBundleSource::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cloneDir = null;
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
