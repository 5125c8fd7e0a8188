package limits

import (
	"math"
	"net/http"
	"strconv"
)

func Resize(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.FormValue("n"))
	if err != nil {
		http.Error(w, "bad n", http.StatusBadRequest)
		return
	}
	// ruleid: go-integer-narrowing-conversion
	size := int32(n)
	_ = size
}

func Port(s string) (uint16, error) {
	p, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	// ruleid: go-integer-narrowing-conversion
	return uint16(p), nil
}

func PortSized(s string) (uint16, error) {
	p, err := strconv.ParseUint(s, 10, 16)
	if err != nil {
		return 0, err
	}
	// ok: go-integer-narrowing-conversion
	return uint16(p), nil
}

func Checked(s string) (int32, error) {
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	if v > math.MaxInt32 || v < math.MinInt32 {
		return 0, strconv.ErrRange
	}
	// ok: go-integer-narrowing-conversion
	return int32(v), nil
}

func Wide(s string) (int64, error) {
	v, err := strconv.Atoi(s)
	// ok: go-integer-narrowing-conversion
	return int64(v), err
}
