@RestController
class PayoutController {
    // ruleid: java-authorization-annotation-removed
    @PostMapping("/payouts/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable long id) {
        payouts.approve(id);
        return ResponseEntity.ok().build();
    }

    // ok: java-authorization-annotation-removed
    @Secured("ROLE_ADMIN")
    @DeleteMapping("/payouts/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        payouts.delete(id);
        return ResponseEntity.noContent().build();
    }

    // ok: java-authorization-annotation-removed
    @GetMapping("/payouts")
    List<Payout> list() {
        return payouts.all();
    }
}
