// The stress test's Go client: SigV4-signed AWS requests over TLS, many goroutines at once, through an
// http.Transport set as aws-sdk-go-v2's BuildableClient sets it (the client of Terraform's AWS provider):
// keep-alive, 10 idle connections per host, 90 s idle timeout, 10 s TLS handshake timeout. The standard
// library only, so `go build` needs no module download. Prints one JSON object of figures.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type req struct {
	service, method, path, query, contentType, target string
	body                                              []byte
}

func hmacSHA(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}
func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func sign(r *http.Request, body []byte, service, region, akid, secret string) {
	now := time.Now().UTC()
	amzDate := now.Format("20060102T150405Z")
	day := now.Format("20060102")
	r.Header.Set("X-Amz-Date", amzDate)
	payload := sha(body)
	r.Header.Set("X-Amz-Content-Sha256", payload)
	names := []string{"host", "x-amz-content-sha256", "x-amz-date"}
	if r.Header.Get("Content-Type") != "" {
		names = append(names, "content-type")
	}
	if r.Header.Get("X-Amz-Target") != "" {
		names = append(names, "x-amz-target")
	}
	sort.Strings(names)
	var canonHeaders strings.Builder
	for _, n := range names {
		v := r.Header.Get(n)
		if n == "host" {
			v = r.URL.Host
		}
		canonHeaders.WriteString(n + ":" + strings.TrimSpace(v) + "\n")
	}
	signed := strings.Join(names, ";")
	canon := strings.Join([]string{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, canonHeaders.String(), signed, payload}, "\n")
	scope := day + "/" + region + "/" + service + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha([]byte(canon))
	k := hmacSHA([]byte("AWS4"+secret), day)
	k = hmacSHA(k, region)
	k = hmacSHA(k, service)
	k = hmacSHA(k, "aws4_request")
	sig := hex.EncodeToString(hmacSHA(k, toSign))
	r.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s", akid, scope, signed, sig))
}

func form(vals url.Values) []byte { return []byte(vals.Encode()) }

func mix(worker, i int) req {
	name := fmt.Sprintf("stress-%d-%d", worker, i)
	switch i % 6 {
	case 0:
		return req{service: "sts", method: "POST", path: "/", contentType: "application/x-www-form-urlencoded; charset=utf-8", body: form(url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}})}
	case 1:
		return req{service: "iam", method: "POST", path: "/", contentType: "application/x-www-form-urlencoded; charset=utf-8", body: form(url.Values{"Action": {"CreateRole"}, "Version": {"2010-05-08"}, "RoleName": {name}, "AssumeRolePolicyDocument": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}})}
	case 2:
		return req{service: "iam", method: "POST", path: "/", contentType: "application/x-www-form-urlencoded; charset=utf-8", body: form(url.Values{"Action": {"GetRole"}, "Version": {"2010-05-08"}, "RoleName": {fmt.Sprintf("stress-%d-%d", worker, i-1)}})}
	case 3:
		return req{service: "s3", method: "PUT", path: fmt.Sprintf("/stress-bucket/%s", name), body: []byte(strings.Repeat("x", 4096))}
	case 4:
		b, _ := json.Marshal(map[string]any{"MaxResults": 10})
		return req{service: "glue", method: "POST", path: "/", contentType: "application/x-amz-json-1.1", target: "AWSGlue.GetJobs", body: b}
	default:
		b, _ := json.Marshal(map[string]any{"Limit": 10})
		return req{service: "kms", method: "POST", path: "/", contentType: "application/x-amz-json-1.1", target: "TrentService.ListKeys", body: b}
	}
}

func main() {
	endpoint := flag.String("endpoint", "", "https://127.0.0.1:PORT")
	ca := flag.String("ca", "", "CA bundle PEM")
	workers := flag.Int("workers", 10, "parallel clients (Terraform's default parallelism is 10)")
	count := flag.Int("requests", 1000, "requests in all")
	deadline := flag.Duration("deadline", 5*time.Minute, "stop after this long whatever the count")
	akid := flag.String("access-key", "AKIAREHEARSALBOOTSTRAP", "the emulator's bootstrap keys: unenforced")
	out := flag.String("json", "", "write figures as JSON here")
	idleTimeout := flag.Duration("idle-timeout", 90*time.Second, "the transport's IdleConnTimeout (aws-sdk-go-v2: 90 s)")
	gap := flag.Duration("gap", 0, "each worker waits this long (up to 10% more or less) before each request: connections sit idle in the pool")
	flag.Parse()
	pem, err := os.ReadFile(*ca)
	if err != nil {
		panic(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	// aws-sdk-go-v2 aws/transport/http BuildableClient defaults
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   10,
		IdleConnTimeout:       *idleTimeout,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
		TLSClientConfig:       &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
	}
	client := &http.Client{Transport: tr}
	// bucket for the S3 part
	mk, _ := http.NewRequest("PUT", *endpoint+"/stress-bucket", nil)
	sign(mk, nil, "s3", "us-east-1", *akid, "x")
	if resp, err := client.Do(mk); err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	var next, ok, clientErr, httpErr int64
	var mu sync.Mutex
	errs := map[string]int{}
	var lat []float64
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := atomic.AddInt64(&next, 1)
				if i > int64(*count) || time.Since(start) > *deadline {
					return
				}
				if *gap > 0 {
					time.Sleep(*gap + time.Duration((int64(i)*7919%201-100))*(*gap)/1000)
				}
				q := mix(w, int(i))
				r, _ := http.NewRequest(q.method, *endpoint+q.path, strings.NewReader(string(q.body)))
				if q.contentType != "" {
					r.Header.Set("Content-Type", q.contentType)
				}
				if q.target != "" {
					r.Header.Set("X-Amz-Target", q.target)
				}
				sign(r, q.body, q.service, "us-east-1", *akid, "x")
				t0 := time.Now()
				resp, err := client.Do(r)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0).Seconds()
				mu.Lock()
				lat = append(lat, d)
				if err != nil {
					msg := err.Error()
					if j := strings.LastIndex(msg, ": "); j >= 0 {
						msg = msg[j+2:]
					}
					errs[msg]++
				} else if resp.StatusCode >= 500 {
					httpErr++
					errs[fmt.Sprintf("HTTP %d", resp.StatusCode)]++
				} else if resp.StatusCode >= 400 {
					clientErr++
				} else {
					ok++
				}
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	sort.Float64s(lat)
	p := func(q float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*q)]
	}
	transport := 0
	for msg, n := range errs {
		if !strings.HasPrefix(msg, "HTTP ") {
			transport += n
		}
	}
	res := map[string]any{"requests": len(lat), "ok": ok, "clientErrors": clientErr, "http5xx": httpErr, "transportErrors": transport, "errors": errs, "seconds": time.Since(start).Seconds(), "p50": p(0.5), "p99": p(0.99), "max": p(1)}
	b, _ := json.MarshalIndent(res, "", "  ")
	fmt.Println(string(b))
	if *out != "" {
		os.WriteFile(*out, b, 0o644)
	}
}
