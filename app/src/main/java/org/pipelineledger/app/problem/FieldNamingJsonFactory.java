package org.pipelineledger.app.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The web API's JSON factory. Jackson checks the length of a number (or of a field name) while it reads the token,
 * before any deserializer runs, and that failure carries neither the parser nor the field it was in. These parsers
 * rethrow it as a {@link ReadLimitExceeded} with the parser attached, so that the problem can name the field.
 * Everything else is Jackson's own parser, unchanged.
 */
final class FieldNamingJsonFactory extends MappingJsonFactory {

    private static final long serialVersionUID = 1L;

    FieldNamingJsonFactory() {
    }

    private FieldNamingJsonFactory(FieldNamingJsonFactory source, ObjectMapper mapper) {
        super(source, mapper);
    }

    /** ObjectMapper.copy() copies the factory; a subclass that did not override this would fail there. */
    @Override
    public JsonFactory copy() {
        return new FieldNamingJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new FieldNamingParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new FieldNamingParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new FieldNamingParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new FieldNamingParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new FieldNamingParser(super._createParser(input, context));
    }

    /** A limit Jackson enforces while reading a token, with the parser that was reading it. */
    static final class ReadLimitExceeded extends JsonParseException {

        private static final long serialVersionUID = 1L;

        ReadLimitExceeded(JsonParser parser, StreamConstraintsException limit) {
            super(parser, limit.getOriginalMessage(), limit);
        }
    }

    /**
     * Every way of moving to the next token ends in one of these four (JsonParser's other next... methods are
     * built on nextToken), so catching here catches every token read.
     */
    private static final class FieldNamingParser extends JsonParserDelegate {

        FieldNamingParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            try {
                return delegate.nextToken();
            } catch (StreamConstraintsException limit) {
                throw new ReadLimitExceeded(this, limit);
            }
        }

        @Override
        public JsonToken nextValue() throws IOException {
            try {
                return delegate.nextValue();
            } catch (StreamConstraintsException limit) {
                throw new ReadLimitExceeded(this, limit);
            }
        }

        @Override
        public void finishToken() throws IOException {
            try {
                delegate.finishToken();
            } catch (StreamConstraintsException limit) {
                throw new ReadLimitExceeded(this, limit);
            }
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            try {
                delegate.skipChildren();
                return this;
            } catch (StreamConstraintsException limit) {
                throw new ReadLimitExceeded(this, limit);
            }
        }
    }
}
