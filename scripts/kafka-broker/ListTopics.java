import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Prints the broker's topic names, one per line (scripts/kafka.sh topics DIR).
 * Run as a single source file on the broker's classpath: java -cp CLASSPATH ListTopics.java HOST:PORT
 */
public class ListTopics {
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            for (String topic : new TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS))) {
                System.out.println(topic);
            }
        }
    }
}
