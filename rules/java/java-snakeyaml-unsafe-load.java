import java.io.InputStream;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class PipelineConfigLoader {
    private final Yaml yaml = new Yaml();

    public Map<String, Object> parse(String body) {
        // ruleid: java-snakeyaml-unsafe-load
        return yaml.load(body);
    }

    public Pipeline parseTyped(InputStream upload) {
        Yaml typed = new Yaml(new Constructor(Pipeline.class, new LoaderOptions()));
        // ruleid: java-snakeyaml-unsafe-load
        return typed.loadAs(upload, Pipeline.class);
    }

    public Object quick(String text) {
        // ruleid: java-snakeyaml-unsafe-load
        return new Yaml().load(text);
    }

    public String render(Map<String, Object> data) {
        // ok: java-snakeyaml-unsafe-load
        return yaml.dump(data);
    }
}

class SafePipelineConfigLoader {
    private final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));

    public Map<String, Object> parse(String body) {
        // ok: java-snakeyaml-unsafe-load
        return yaml.load(body);
    }
}

class PluginRegistry {
    private final java.util.ServiceLoader<Plugin> loader = java.util.ServiceLoader.load(Plugin.class);

    public void reload(ClassLoader cl) {
        // ok: java-snakeyaml-unsafe-load
        loader.reload();
    }
}
