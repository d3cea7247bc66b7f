package dev.sio4j.examples.nettysocketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/migrating-from-netty-socketio.md} equal to the code it quotes. A code block preceded by
 * {@code <!-- snippet: path#tag -->} (or {@code #tag1,tag2}: the regions one after the other, a blank line between)
 * must hold exactly the lines between {@code tag::tag[]} and {@code end::tag[]} of that file, dedented; the file is
 * compiled with this module, so the guide's sio4j code compiles too. Every Java block is either such a snippet or
 * marked {@code <!-- netty-socketio -->} (the code being migrated from, which is not compiled here), and every tagged
 * region of a quoted file is quoted.
 */
class MigrationGuideTest {
  private static final String GUIDE = "docs/migrating-from-netty-socketio.md";
  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#([\\w,-]+) -->");
  private static final String BEFORE = "<!-- netty-socketio -->";
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\s*");
  private static final Pattern TAG = Pattern.compile("tag::([\\w-]+)\\[]");
  private static final Pattern END = Pattern.compile("end::([\\w-]+)\\[]");

  private final Path root = repositoryRoot();

  @Test
  void everyQuotedBlockEqualsItsTaggedRegions() throws IOException {
    List<Block> blocks = blocks(Files.readAllLines(root.resolve(GUIDE)));
    List<Block> snippets = blocks.stream().filter(b -> b.file != null).toList();
    assertFalse(snippets.isEmpty(), "the guide quotes no snippet");
    for (Block block : snippets) {
      Map<String, String> regions = regions(root.resolve(block.file));
      List<String> parts = new ArrayList<>();
      for (String tag : block.tags) {
        assertTrue(regions.containsKey(tag), block.file + " has no region '" + tag + "' (line " + block.line + ")");
        parts.add(regions.get(tag));
      }
      assertEquals(String.join("\n\n", parts), block.text,
          GUIDE + " line " + block.line + " differs from " + block.file + "#" + String.join(",", block.tags));
    }
  }

  @Test
  void everyJavaBlockIsQuotedOrMarkedAsTheCodeMigratedFrom() throws IOException {
    List<String> unmarked = new ArrayList<>();
    for (Block block : blocks(Files.readAllLines(root.resolve(GUIDE)))) {
      if (block.language.equals("java") && block.file == null && !block.before) {
        unmarked.add("line " + block.line);
      }
    }
    assertEquals(List.of(), unmarked, "Java blocks with neither a snippet marker nor " + BEFORE);
  }

  @Test
  void everyTaggedRegionOfAQuotedFileIsQuoted() throws IOException {
    Map<String, Set<String>> quoted = new LinkedHashMap<>();
    for (Block block : blocks(Files.readAllLines(root.resolve(GUIDE)))) {
      if (block.file != null) {
        quoted.computeIfAbsent(block.file, f -> new TreeSet<>()).addAll(block.tags);
      }
    }
    for (Map.Entry<String, Set<String>> file : quoted.entrySet()) {
      Set<String> defined = new TreeSet<>(regions(root.resolve(file.getKey())).keySet());
      defined.removeAll(file.getValue());
      assertEquals(Set.of(), defined, "regions of " + file.getKey() + " the guide does not quote");
    }
  }

  /** The fenced blocks of {@code lines}, each with the marker on the last non-blank line before its fence. */
  private static List<Block> blocks(List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String marker = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      Matcher fence = FENCE.matcher(line);
      if (fence.matches() && !fence.group(1).isEmpty()) {
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).trim().equals("```")) {
          end++;
        }
        assertTrue(end < lines.size(), GUIDE + ": the block at line " + (i + 1) + " is not closed");
        String text = String.join("\n", lines.subList(start, end));
        Matcher snippet = marker == null ? null : SNIPPET.matcher(marker);
        if (snippet != null && snippet.matches()) {
          blocks.add(new Block(i + 1, fence.group(1), snippet.group(1), List.of(snippet.group(2).split(",")), false,
              text));
        } else {
          blocks.add(new Block(i + 1, fence.group(1), null, List.of(), BEFORE.equals(marker), text));
        }
        i = end;
        marker = null;
      } else if (!line.isEmpty()) {
        marker = line;
      }
    }
    return blocks;
  }

  /** The tagged regions of {@code file}, by tag, each dedented by its smallest indentation, marker lines left out. */
  private static Map<String, String> regions(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    Map<String, String> regions = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher tag = TAG.matcher(lines.get(i));
      if (!tag.find()) {
        continue;
      }
      String name = tag.group(1);
      List<String> body = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !isEnd(lines.get(j), name)) {
        body.add(lines.get(j));
        j++;
      }
      assertTrue(j < lines.size(), file + ": region '" + name + "' is not closed");
      regions.put(name, dedent(body));
    }
    return regions;
  }

  private static boolean isEnd(String line, String name) {
    Matcher end = END.matcher(line);
    return end.find() && end.group(1).equals(name);
  }

  private static String dedent(List<String> body) {
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    List<String> result = new ArrayList<>();
    for (String line : body) {
      result.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return String.join("\n", result);
  }

  private static Path repositoryRoot() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve(GUIDE))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(GUIDE + " not found above " + Paths.get("").toAbsolutePath());
  }

  private record Block(int line, String language, String file, List<String> tags, boolean before, String text) {}
}
