// JS-Reference.md "Conversions for host resources" and "Conversions for guest resources", as the
// store's `ResourceValueHooks`: the generated lifting and lowering code keeps the handle tables,
// and these turn reps into JS values and back. A host resource's rep is a `HostValues` index
// holding the JS object; a guest resource's rep lives in an instance of its guest resource
// class. The current lender list (and the reps of host objects lent for the call) belongs to
// the JS-to-component call in progress, which `invokeComponentFunction` opens and closes. The
// loans of all calls in progress share one array, each call's above the mark it began at, so a
// call allocates nothing for them.

import { unreachable } from '@tswasm/environ';
import type { ResourceType } from '../resource-type.js';
import type { ResourceRepConversions, ResourceValueHooks } from '../resource-value-hooks.js';
import { guestResourceClassOf, type GuestResourceClass, type LendRecord } from './guest-resource-class.js';
import type { HostResourceType } from './host-resource-type.js';
import { HostValues } from './host-values.js';
import { describeValue } from './js-path.js';

/**
 * JS-Reference.md `brand check` of `value` against the constructor of a resource type import:
 * a guest resource class checks its [[ResourceClass]] slot, any other constructor `instanceof`.
 * (WebIDL interface objects are JS classes in Node, so `instanceof` is what they get too.)
 * @throws TypeError when `instanceof` does (the constructor's `prototype` is not an object)
 */
export function brandCheck(value: unknown, constructorObject: Function): boolean {
  const guest = guestResourceClassOf(constructorObject);
  if (guest !== null) return guest.isInstance(value);
  return value instanceof constructorObject;
}

/** The JS API's representation of the resources of one store. */
export class ResourceValues implements ResourceValueHooks {
  /** The JS objects behind the reps of host resources. */
  readonly hostValues = new HostValues();
  /**
   * How many conversions changed a handle table (a new own or borrow handle, an own taken out
   * of a JS object): JS-Reference.md counts that as having entered the guest.
   */
  tableWrites = 0;
  readonly #host = new Map<ResourceType, HostResourceType>();
  readonly #guest = new Map<ResourceType, GuestResourceClass>();
  // What the calls in progress lent: instances' records, and reps of host objects (numbers).
  readonly #loans: (LendRecord | number)[] = [];

  /** Registers the host resource type record of imported type `type`. */
  defineHost(type: ResourceType, host: HostResourceType): void {
    this.#host.set(type, host);
  }

  /** Registers the guest resource class of exported type `type`. */
  defineGuest(type: ResourceType, guest: GuestResourceClass): void {
    this.#guest.set(type, guest);
  }

  /** The guest resource class of `type`, if one was made. */
  guestClass(type: ResourceType): GuestResourceClass | undefined {
    return this.#guest.get(type);
  }

  /** The conversions of `type`: a host resource type's or a guest resource class's. */
  conversionsFor(type: ResourceType): ResourceRepConversions {
    const host = this.#host.get(type);
    if (host !== undefined) return this.#hostConversions(host);
    const guest = this.#guest.get(type);
    if (guest !== undefined) return this.#guestConversions(guest);
    // Validation puts only imported and exported resource types in top-level signatures.
    return unreachable(`resource \`${type.name}\` is neither imported nor exported`);
  }

  /**
   * JS-Reference.md `invoke a component function`: starts a call with an empty lender list;
   * give what this returns to `endCall`.
   */
  beginCall(): number {
    return this.#loans.length;
  }

  /**
   * Ends the call `beginCall` started (at `mark`): every instance it lent is lendable again,
   * the reps of host objects it lent are freed, and the enclosing call's list is current again.
   */
  endCall(mark: number): void {
    const loans = this.#loans;
    for (let i = mark; i < loans.length; i++) {
      const loan = loans[i];
      if (typeof loan === 'number') this.hostValues.take(loan);
      else if (loan !== undefined) loan.lendCount--;
    }
    loans.length = mark;
  }

  #hostConversions(host: HostResourceType): ResourceRepConversions {
    const values = this.hostValues;
    const check = (value: unknown): void => {
      if (!brandCheck(value, host.constructorObject)) throw new TypeError(`expected an instance of ${host.constructorObject.name || host.name} for resource \`${host.name}\`, found ${describeValue(value)}`);
    };
    return {
      // The JS object itself; as the handle is gone, its rep is freed.
      liftOwn: (rep) => values.take(rep),
      liftBorrow: (rep) => values.get(rep),
      lowerOwn: (value) => {
        check(value);
        this.tableWrites++;
        return values.add(value);
      },
      lowerBorrow: (value) => {
        check(value);
        this.tableWrites++;
        const rep = values.add(value);
        this.#loans.push(rep);
        return rep;
      },
    };
  }

  #guestConversions(guest: GuestResourceClass): ResourceRepConversions {
    return {
      liftOwn: (rep) => guest.createInstance(rep, true),
      // JS-Reference.md: unreachable, since an export cannot return a borrow and an import
      // cannot name an exported type.
      liftBorrow: () => unreachable(`a borrow of exported resource ${guest.name} reached JS`),
      lowerOwn: (value) => {
        const rep = guest.takeOwn(value);
        this.tableWrites++;
        return rep;
      },
      lowerBorrow: (value) => guest.lend(value, this.#loans),
    };
  }
}
