package org.bwnetflow.connect.flowctl.top;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen view: the alternate screen of the terminal in raw mode (keys arrive without
 * Enter), each frame drawn from the top-left corner and cut to the terminal's size; the terminal
 * is restored on close.
 */
final class TerminalView implements TopView {

    private final Terminal terminal;
    private final Attributes saved;
    private final NonBlockingReader reader;

    TerminalView(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        this.reader = terminal.reader();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
    }

    @Override
    public void show(List<String> frame) {
        Size size = terminal.getSize();
        int width = size.getColumns() > 0 ? size.getColumns() : 80;
        int height = size.getRows() > 0 ? size.getRows() : 24;
        terminal.puts(Capability.cursor_home);
        PrintWriter writer = terminal.writer();
        for (int i = 0; i < Math.min(frame.size(), height - 1); i++) {
            String line = frame.get(i);
            writer.print(line.length() > width ? line.substring(0, width) : line);
            terminal.puts(Capability.clr_eol);
            writer.print("\r\n");
        }
        terminal.puts(Capability.clr_eos);
        terminal.flush();
    }

    @Override
    public int key() {
        try {
            int key = reader.read(1L);
            return key >= 0 ? key : NO_KEY;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the keyboard", e);
        }
    }

    @Override
    public void close() {
        terminal.puts(Capability.cursor_visible);
        terminal.puts(Capability.exit_ca_mode);
        terminal.flush();
        terminal.setAttributes(saved);
        try {
            terminal.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the terminal", e);
        }
    }
}
