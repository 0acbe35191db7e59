package dev.postino.core.spam.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<p>a &amp; b &lt;c&gt; &quot;d&quot;</p>            | a & b <c> \"d\"",
        "x&nbsp;y &#65;&#x42; &eacute;                       | x y AB é",
        "<b>F</b>REE                                         | FREE",
        "a<!-- hidden -->b                                   | ab",
        "<style>p {color:red}</style>shown                   | shown",
        "<SCRIPT>evil()</SCRIPT>shown                        | shown",
        "5 < 6 and & alone                                   | 5 < 6 and & alone",
        "<td title='a>b'>cell</td>                           | cell",
    })
    void textIsWhatAReaderSees(String html, String text) {
        assertThat(HtmlText.of(html).text().trim()).isEqualTo(text);
    }

    @Test
    void keepsLinkTargetsVisibleTextImagesAndTags() {
        HtmlText html = HtmlText.of("<a href=\"http://x.test/?a=1&amp;b=2\">Click <b>here</b></a>"
            + "<A HREF=http://y.test>y</a><img src='http://img.test/p.gif'>");

        assertThat(html.links()).extracting(Link::href).containsExactly("http://x.test/?a=1&b=2", "http://y.test");
        assertThat(html.links()).extracting(Link::text).containsExactly("Click here", "y");
        assertThat(html.imageSources()).containsExactly("http://img.test/p.gif");
        assertThat(html.tagNames()).contains("a", "b", "img");
    }

    @Test
    void unclosedAnchorEndsAtTheEnd() {
        assertThat(HtmlText.of("<a href=\"http://z.test\">open").links()).containsExactly(new Link("http://z.test", "open"));
    }
}
