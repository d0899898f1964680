package org.queueanalytics.sqlcompat.chdb;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse as an in-process library: chDB's {@code libchdb.so} (the ClickHouse engine with a
 * small C API), loaded with JNA from the path in {@code CHDB_LIBRARY}. One connection to one data
 * directory; statements run one at a time (the connection runs one statement at a time).
 *
 * <p>The C API used (chdb.h, "v2" connection API): {@code chdb_connect(argc, argv)} returns a
 * pointer to the connection handle; {@code chdb_query_n(conn, sql, len, format, len)} is
 * binary-safe (a statement may hold NUL bytes); a result has a buffer, a length and an error
 * text (NULL on success) and is freed with {@code chdb_destroy_query_result};
 * {@code chdb_close_conn(&conn)} closes the connection, and the engine with it (threads it leaves
 * end with the test JVM; {@code chdb_shutdown()} reports failure for them on 26.7, so it is not
 * called). {@code chdb_set_signal_handlers_enabled(0)}
 * keeps the engine's signal handlers out of the JVM.
 */
public final class ChDb implements AutoCloseable {
    /** The environment variable naming the library; {@code scripts/test.sh} fetches it and sets it. */
    public static final String LIBRARY_VARIABLE = "CHDB_LIBRARY";
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");

    /** The C functions, as chdb.h declares them (size_t is 64 bits: linux-x64 only). */
    interface LibChDb extends Library {
        void chdb_set_signal_handlers_enabled(int enabled);

        Pointer chdb_connect(int argc, String[] argv);

        void chdb_close_conn(Pointer connection);

        Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

        Pointer chdb_result_buffer(Pointer result);

        long chdb_result_length(Pointer result);

        Pointer chdb_result_error(Pointer result);

        void chdb_destroy_query_result(Pointer result);
    }

    private final LibChDb lib;
    private final Pointer handle;
    private final Pointer connection;
    private final Path dataPath;
    private boolean closed;

    private ChDb(LibChDb lib, Pointer handle, Path dataPath) {
        this.lib = lib;
        this.handle = handle;
        this.connection = handle.getPointer(0);
        this.dataPath = dataPath;
    }

    /**
     * Loads the library named by {@code CHDB_LIBRARY} in {@code env} and opens a connection on
     * {@code dataPath}. Fails, saying how to get the library, when the variable is unset or the
     * file cannot be loaded: this tier never skips.
     */
    public static ChDb open(Map<String, String> env, Path dataPath) {
        String library = env.get(LIBRARY_VARIABLE);
        if (library == null || library.isBlank()) {
            throw new IllegalStateException("chDB: " + LIBRARY_VARIABLE + " is not set. The sql-compat tests run the "
                    + "project's SQL on current ClickHouse through chDB's libchdb.so; run them through scripts/test.sh, "
                    + "which fetches the library once (npm package @chdb/lib-linux-x64-gnu) and exports " + LIBRARY_VARIABLE);
        }
        if (!Files.isReadable(Path.of(library))) {
            throw new IllegalStateException("chDB: " + LIBRARY_VARIABLE + "=" + library + " is not a readable file; "
                    + "delete the cache directory it is in and run scripts/test.sh again to fetch it anew");
        }
        if (Native.SIZE_T_SIZE != 8) {
            throw new IllegalStateException("chDB: this binding assumes a 64-bit size_t (linux-x64), found " + Native.SIZE_T_SIZE);
        }
        LibChDb lib;
        try {
            lib = Native.load(library, LibChDb.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("chDB: cannot load " + library + " (" + e.getMessage() + "); it must be the "
                    + "linux-x64 glibc build that scripts/test.sh fetches", e);
        }
        // The JVM turns SIGSEGV into NullPointerExceptions (and uses signals for safepoints): ClickHouse's
        // process-wide handlers would take them over and crash or hang the test JVM. Before chdb_connect.
        lib.chdb_set_signal_handlers_enabled(0);
        Pointer handle = lib.chdb_connect(2, new String[] {"clickhouse", "--path=" + dataPath.toAbsolutePath()});
        if (handle == null || handle.getPointer(0) == null) {
            throw new IllegalStateException("chDB: chdb_connect on " + dataPath + " failed (see the engine's log above)");
        }
        return new ChDb(lib, handle, dataPath);
    }

    /** The data directory this connection was opened on. */
    public Path dataPath() {
        return dataPath;
    }

    /** Runs a statement that returns nothing. */
    public void execute(String sql) throws ChDbException {
        query(sql);
    }

    /** Runs {@code sql} (which may carry its own {@code FORMAT}) and returns the answer's text, TabSeparated by default. */
    public String query(String sql) throws ChDbException {
        return query(sql.getBytes(StandardCharsets.UTF_8), "TabSeparated");
    }

    /** Runs the UTF-8 statement {@code sql} (binary-safe) with output {@code format}. */
    public synchronized String query(byte[] sql, String format) throws ChDbException {
        if (closed) {
            throw new IllegalStateException("chDB: the connection is closed");
        }
        byte[] f = format.getBytes(StandardCharsets.UTF_8);
        Pointer result = lib.chdb_query_n(connection, sql, sql.length, f, f.length);
        if (result == null) {
            throw new ChDbException("chDB returned no result", -1);
        }
        try {
            Pointer error = lib.chdb_result_error(result);
            if (error != null) {
                String message = error.getString(0, "UTF-8");
                Matcher m = CODE.matcher(message);
                throw new ChDbException(message, m.find() ? Integer.parseInt(m.group(1)) : -1);
            }
            long length = lib.chdb_result_length(result);
            Pointer buffer = lib.chdb_result_buffer(result);
            if (length == 0 || buffer == null) {
                return "";
            }
            return new String(buffer.getByteArray(0, Math.toIntExact(length)), StandardCharsets.UTF_8);
        } finally {
            lib.chdb_destroy_query_result(result);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lib.chdb_close_conn(handle);
        }
    }
}
