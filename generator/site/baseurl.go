package site

import (
	"fmt"
	"net/url"
	"strings"
)

// baseURL returns the base URL to publish under: the override when given,
// else the configured one, always absolute http(s) and ending in "/".
func baseURL(override, configured string) (string, error) {
	raw := configured
	if override != "" {
		raw = override
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("base URL %q must be an absolute http:// or https:// address", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base URL %q must not have a query or fragment", raw)
	}
	s := u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
