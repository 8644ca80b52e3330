package render

import "testing"

func TestReroot(t *testing.T) {
	for _, tc := range []struct{ in, prefix, want string }{
		{`<a href="/x/">`, "/", `<a href="/x/">`},
		{`<a href="/x/">`, "/sub/", `<a href="/sub/x/">`},
		{`<img src="/a.png"> <a href="/">`, "/sub/", `<img src="/sub/a.png"> <a href="/sub/">`},
		{`<a href="//cdn.example/">`, "/sub/", `<a href="//cdn.example/">`},
		{`<a href="https://e.org/x">`, "/sub/", `<a href="https://e.org/x">`},
		{`<form action="/search/">`, "/s/", `<form action="/s/search/">`},
		{`<p>write href=&#34;/x&#34;</p>`, "/s/", `<p>write href=&#34;/x&#34;</p>`},
		{`<a data-href="/x">`, "/s/", `<a data-href="/x">`},
	} {
		if got := string(reroot([]byte(tc.in), tc.prefix)); got != tc.want {
			t.Errorf("reroot(%q, %q) = %q, want %q", tc.in, tc.prefix, got, tc.want)
		}
	}
	if got := basePath("https://example.org/strategy/"); got != "/strategy/" {
		t.Errorf("basePath = %q", got)
	}
	if got := basePath("https://example.org"); got != "/" {
		t.Errorf("basePath of a host = %q", got)
	}
}
