package org.queueanalytics.common.cli;

import java.io.PrintWriter;
import org.queueanalytics.common.config.ConfigException;
import picocli.CommandLine;

/** The exit codes of README "Running the services": 0 success, 2 bad usage or invalid configuration, 1 runtime failure. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }

    /** A picocli command line whose usage errors exit 2 and whose invalid configs print every error and exit 2. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExitCodeExceptionMapper(e -> e instanceof ConfigException ? USAGE : RUNTIME_FAILURE);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(ex.getMessage());
            ex.getCommandLine().usage(err);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof ConfigException ce) {
                err.println("invalid configuration:");
                ce.errors().forEach(e -> err.println("  - " + e));
                return USAGE;
            }
            err.println(commandLine.getCommandName() + ": " + ex.getMessage());
            return RUNTIME_FAILURE;
        });
        return cl;
    }
}
