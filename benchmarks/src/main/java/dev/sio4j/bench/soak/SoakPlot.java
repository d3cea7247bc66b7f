package dev.sio4j.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Reads the soak server's CSV, writes one PNG with a panel per column over time, and prints a Markdown summary: per
 * column, the level after the warm-up, the highest value after it, the last one, and the growth a least-squares line
 * fitted to the samples after the warm-up gives from its start to the end. A column "grows" when that growth is more
 * than a tenth of its level (and more than a floor of noise: 2 MB for memory, 4 threads, 8 descriptors).
 *
 * <p>Usage: {@code SoakPlot CSV PNG [WARMUP_SECONDS]} (default 300).
 */
public final class SoakPlot {
  private static final int PANEL_W = 560;
  private static final int PANEL_H = 240;

  private SoakPlot() {}

  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    long warmup = args.length > 2 ? Long.parseLong(args[2]) : 300;
    String[] header = lines.get(0).split(",");
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (cells.length == header.length) {
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i]);
        }
        rows.add(row);
      }
    }
    int panels = header.length - 1;
    int cols = 2;
    int rowsOfPanels = (panels + cols - 1) / cols;
    BufferedImage image = new BufferedImage(cols * PANEL_W, rowsOfPanels * PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    System.out.println("| column | after warm-up | max after warm-up | last | fitted growth after warm-up | grows |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    boolean anyGrowth = false;
    for (int c = 1; c < header.length; c++) {
      int p = c - 1;
      panel(g, (p % cols) * PANEL_W, (p / cols) * PANEL_H, header[c], rows, c, warmup);
      anyGrowth |= summarize(header[c], rows, c, warmup);
    }
    g.dispose();
    ImageIO.write(image, "png", Path.of(args[1]).toFile());
    System.out.println();
    System.out.println(anyGrowth ? "Verdict: something grows after the warm-up." : "Verdict: nothing grows after the "
        + "warm-up.");
  }

  private static boolean summarize(String name, List<double[]> rows, int c, long warmup) {
    List<double[]> after = rows.stream().filter(r -> r[0] >= warmup).toList();
    if (after.size() < 2 || name.equals("sockets") || name.equals("heap_used_kb")
        || name.equals("heap_committed_kb") || name.equals("heap_after_gc_kb")) {
      // the number of sockets follows the driver, the heap in use the collector's rhythm, the committed heap the
      // collector's sizing (bounded by -Xmx), the heap after the last collection which collections ran (G1 counts its
      // old generation only after a mixed or full one): shown, not judged; the live heap (after a full collection)
      // is the heap's judge
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | | (not judged) |%n", name,
          after.isEmpty() ? "" : fmt(after.get(0)[c]), after.isEmpty() ? "" : fmt(max(after, c)),
          rows.isEmpty() ? "" : fmt(rows.get(rows.size() - 1)[c]));
      return false;
    }
    double n = after.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] r : after) {
      sx += r[0];
      sy += r[c];
      sxx += r[0] * r[0];
      sxy += r[0] * r[c];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double span = after.get(after.size() - 1)[0] - after.get(0)[0];
    double growth = slope * span;
    double level = sy / n;
    double floor = name.equals("threads") ? 4 : name.equals("fds") ? 8 : 2048;
    boolean grows = growth > Math.max(level / 10, floor);
    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name, fmt(after.get(0)[c]), fmt(max(after, c)),
        fmt(rows.get(rows.size() - 1)[c]), fmt(growth), grows ? "**yes**" : "no");
    return grows;
  }

  private static double max(List<double[]> rows, int c) {
    double m = Double.NEGATIVE_INFINITY;
    for (double[] r : rows) {
      m = Math.max(m, r[c]);
    }
    return m;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static void panel(Graphics2D g, int x0, int y0, String name, List<double[]> rows, int c, long warmup) {
    int left = x0 + 70;
    int top = y0 + 30;
    int w = PANEL_W - 90;
    int h = PANEL_H - 60;
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(name, x0 + 10, y0 + 18);
    if (rows.isEmpty()) {
      return;
    }
    double maxX = Math.max(1, rows.get(rows.size() - 1)[0]);
    double maxY = Math.max(1, max(rows, c)) * 1.1;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(new Color(230, 230, 230));
    for (int i = 0; i <= 4; i++) {
      int y = top + h - i * h / 4;
      g.drawLine(left, y, left + w, y);
      g.setColor(Color.GRAY);
      g.drawString(fmt(maxY * i / 4), x0 + 5, y + 4);
      g.setColor(new Color(230, 230, 230));
    }
    int wx = left + (int) (w * Math.min(1, warmup / maxX));
    g.setColor(new Color(255, 220, 200));
    g.drawLine(wx, top, wx, top + h);
    g.setColor(Color.GRAY);
    g.drawRect(left, top, w, h);
    g.drawString("0", left, top + h + 14);
    g.drawString(fmt(maxX / 60) + " min", left + w - 40, top + h + 14);
    g.setColor(new Color(30, 90, 200));
    g.setStroke(new BasicStroke(1.5f));
    int px = -1;
    int py = -1;
    for (double[] r : rows) {
      int x = left + (int) (w * r[0] / maxX);
      int y = top + h - (int) (h * r[c] / maxY);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
  }
}
