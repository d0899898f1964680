package org.queueanalytics.common.reload;

import java.util.List;
import org.queueanalytics.common.config.PipelineConfig;

/**
 * A component that reacts when a reload put a new configuration in force. Called on the
 * reloading thread after validation succeeded; it must not block for long (hand heavy work,
 * such as rebuilding a client, to the component's own thread at a safe point).
 */
@FunctionalInterface
public interface ConfigListener {
    void configChanged(PipelineConfig previous, PipelineConfig current, List<String> changedKeys);
}
