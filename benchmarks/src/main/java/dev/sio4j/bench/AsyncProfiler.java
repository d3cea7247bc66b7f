package dev.sio4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * async-profiler's agent library, taken out of the {@code tools.profiler:async-profiler} jar on the class path into
 * a folder, for a server's {@code -agentpath} ({@code --profile=async}). Linux x64 and arm64.
 */
final class AsyncProfiler {
  private AsyncProfiler() {}

  /** The library's path in {@code dir}, copied there from the class path if not there yet. */
  static Path library(Path dir) {
    String arch = System.getProperty("os.arch");
    String platform = arch.equals("aarch64") ? "linux-arm64" : "linux-x64";
    Path lib = dir.resolve("libasyncProfiler-" + platform + ".so");
    if (Files.exists(lib)) {
      return lib;
    }
    try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
      if (in == null) {
        throw new IllegalStateException("no " + platform + "/libasyncProfiler.so on the class path");
      }
      Files.createDirectories(dir);
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      return lib;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
