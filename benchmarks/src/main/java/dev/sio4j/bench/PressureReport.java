package dev.sio4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The frame of the reports of the scenarios under pressure (openloop, storm, slow): a title, the command, the note,
 * one table, what it means, the machine; written to {@code <out>/<name>-<time>.md} and printed.
 */
final class PressureReport {
  private final Options options;
  private final Report machine;
  private final StringBuilder body = new StringBuilder();
  private final Instant start = Instant.now();

  PressureReport(Options options) {
    this.options = options;
    this.machine = new Report(options);
    machine.machineBefore();
  }

  /** Starts a table with these column headers. */
  PressureReport header(String... columns) {
    body.append("\n|");
    for (String c : columns) {
      body.append(' ').append(c).append(" |");
    }
    body.append("\n|");
    for (int i = 0; i < columns.length; i++) {
      body.append(i == 0 ? "---|" : "---:|");
    }
    body.append('\n');
    return this;
  }

  /** A row of the table. */
  PressureReport row(List<?> cells) {
    body.append('|');
    for (Object c : cells) {
      body.append(' ').append(c instanceof Double d ? Report.format(d) : String.valueOf(c)).append(" |");
    }
    body.append('\n');
    return this;
  }

  /** Text after the table (a blank line before it). */
  PressureReport text(String text) {
    body.append('\n').append(text).append('\n');
    return this;
  }

  /** Writes {@code <out>/<name>-<stamp>.md} and prints it; returns the file. */
  Path write(String title, String name, String stamp) throws Exception {
    machine.machineAfter();
    StringBuilder b = new StringBuilder("# ").append(title).append(": ").append(start).append("\n\n");
    String args = System.getenv().getOrDefault("SIO4J_BENCH_ARGS", options.nonDefaults());
    b.append("Command: `benchmarks/run.sh ").append(args.trim()).append("`\n\n");
    if (!options.get("note").isEmpty()) {
      b.append("Note: ").append(options.get("note")).append("\n\n");
    }
    b.append(body).append('\n').append(machine.machine());
    Path out = options.path("out");
    Files.createDirectories(out);
    Path file = out.resolve(name + "-" + stamp + ".md");
    Files.writeString(file, b.toString());
    System.out.println(b);
    System.err.println("written to " + file);
    return file;
  }

  /** Nanoseconds as milliseconds, two decimals below 100. */
  static String millis(double nanos) {
    return Report.format(nanos / 1e6);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
  }
}
