-- +goose Up
-- A mileage partner may reveal a citizen's card or account number only
-- while the citizen's redemption is held: the grant of purpose redemption,
-- case = redemption id, recorded from the mileage service's
-- seoul.mileage.redemption.{held,settled} events (A10.1).
ALTER TABLE reveal_grants DROP CONSTRAINT reveal_grants_purpose_check;
ALTER TABLE reveal_grants ADD CONSTRAINT reveal_grants_purpose_check
    CHECK (purpose IN ('complaint_handling', 'prize_delivery', 'redemption'));

-- +goose Down
DELETE FROM reveal_grants WHERE purpose = 'redemption';
ALTER TABLE reveal_grants DROP CONSTRAINT reveal_grants_purpose_check;
ALTER TABLE reveal_grants ADD CONSTRAINT reveal_grants_purpose_check
    CHECK (purpose IN ('complaint_handling', 'prize_delivery'));
