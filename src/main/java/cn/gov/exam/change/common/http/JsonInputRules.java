package cn.gov.exam.change.common.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Applies {@link InputRules} to every JSON request body: each string and instant is checked as it
 * is read, whatever record it lands in, and a bad one fails with {@link InvalidInput}, which names
 * the field.
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("input-rules");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return type == String.class || type == OffsetDateTime.class || type == Instant.class
                        ? new Checked(deserializer)
                        : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** A value of a JSON body that breaks an input rule; the mappers report it with its field. */
    public static final class InvalidInput extends JsonMappingException {
        private final String reason;

        InvalidInput(JsonParser p, String reason) {
            super(p, reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final class Checked extends DelegatingDeserializer {
        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof String s && InputRules.unsafeText(s)) {
                throw new InvalidInput(p, InputRules.UNSAFE_TEXT);
            }
            Instant instant = value instanceof OffsetDateTime o ? o.toInstant() : value instanceof Instant i ? i : null;
            if (instant != null && !InputRules.storable(instant)) {
                throw new InvalidInput(p, InputRules.INSTANT_RANGE);
            }
            return value;
        }
    }
}
